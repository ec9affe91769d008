//! Byte-level: the input is a link's fragment itself (seed it with links the page writes), read
//! by the link decoder and saved in a library entry, through the stable harness's checks.
#![no_main]

#[path = "../../../engine/tests/fuzz_scenarios/mutate.rs"]
mod mutate;
#[path = "../../tests/fuzz_readers/readers.rs"]
mod readers;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let fragment = String::from_utf8_lossy(data);
    let opens = readers::check_decode(&fragment);
    readers::check_library(&fragment, opens, &fragment, &mut readers::Choices::of(data));
});
