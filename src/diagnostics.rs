//! Warnings and errors about the input, each naming a file and, where there is
//! one, a line. A build collects them instead of stopping at the first.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn error(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line` or `file`.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{}", self.file, l),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{kind}: {}: {}", self.location(), self.message)
    }
}
