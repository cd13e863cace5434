fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let mut total = 0.0;
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let t = std::time::Instant::now();
        let p = flowboard_core::imaging::process_photo(&bytes, &flowboard_core::imaging::Limits::default()).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        total += ms;
        let progressive = bytes.windows(2).any(|w| w == [0xFF, 0xC2]);
        println!("{} {}x{} {:.1} ms{}", f.file_name().unwrap().to_string_lossy(), p.info.width, p.info.height, ms, if progressive { " progressive" } else { "" });
    }
    println!("total {total:.0} ms");
}
