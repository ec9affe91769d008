//! Byte-level: the input is the text given to « Importer » (seed it with the shipped scenarios),
//! and the same text as a library entry, through the stable harness's checks.
#![no_main]

#[path = "../../../engine/tests/fuzz_scenarios/mutate.rs"]
mod mutate;
#[path = "../../tests/fuzz_readers/readers.rs"]
mod readers;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    readers::check_import(&text);
    let fragment = "v=2&s=";
    let opens = readers::check_decode(fragment);
    readers::check_library(fragment, opens, &text, &mut readers::Choices::of(data));
});
