//! How the process asks the kernel for memory, by the size of the build.

/// Recap text above which a build turns off transparent huge pages.
///
/// mimalloc asks for huge pages on the memory it reserves, and Linux then
/// zeroes two megabytes at the first touch of any byte of each. On a small
/// site that saves page faults (the samples: 3,700 → 560, and 1–2 ms of
/// 33); at 10,000 sessions (84 MB of recaps) the kernel's zeroing made the
/// build slower (10.3–12.1 s against 9.8–10.2 s, and 25 MB more memory).
/// The 1,000-session corpus (8.4 MB) still gains: 1.05–1.09 s against
/// 1.13–1.16 s.
pub const HUGE_PAGES_UP_TO: usize = 32 << 20;

/// Turn off transparent huge pages for the rest of the process when the
/// recaps hold more than [`HUGE_PAGES_UP_TO`] bytes. Pages already mapped
/// keep their size.
pub fn fit_to_input(text_bytes: usize) {
    if text_bytes <= HUGE_PAGES_UP_TO {
        return;
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory
    // of ours; a kernel without it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
