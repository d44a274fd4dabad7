//! Task list items, as note-takers keep a session's follow-ups:
//! `- [ ] 待办`, `- [x] 完成`. The box shows as a checkbox and is not read
//! as text.

use std::borrow::Cow;

/// A task list item's box as written, before the space after it.
pub const TASK_BOX: &str = "[ ]";

/// Whether `text` is a task list item's, and then whether it is done:
/// `[ ] 待办` → `Some(false)`, `[x] 完成` → `Some(true)`.
pub fn task_box(text: &str) -> Option<bool> {
    match text.as_bytes() {
        [b'[', b' ', b']', b' ', ..] => Some(false),
        [b'[', b'x' | b'X', b']', b' ', ..] => Some(true),
        _ => None,
    }
}

/// `text` without a task list item's box (`[x] 完成` → `完成`).
pub fn without_task_box(text: &str) -> Cow<'_, str> {
    match task_box(text) {
        Some(_) => Cow::Owned(text[TASK_BOX.len() + 1..].to_string()),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_open_and_done_are_told_apart() {
        assert_eq!(task_box("[ ] 待办"), Some(false));
        assert_eq!(task_box("[x] 完成"), Some(true));
        assert_eq!(task_box("[X] 完成"), Some(true));
        for not in [
            "[x]完成",
            "[y] 其他",
            "[ ]",
            "[官方博客](https://x.org)",
            "文字 [ ] 中间",
        ] {
            assert_eq!(task_box(not), None, "{not}");
        }
        assert_eq!(without_task_box("[x] 完成"), "完成");
        assert!(matches!(without_task_box("完成"), Cow::Borrowed(_)));
    }
}
