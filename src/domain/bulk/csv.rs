//! Reading a CSV file as spreadsheets write it (RFC 4180, a BOM, `;` in many locales), each
//! record with the line it starts on and what is malformed in it.

/// The largest file Bulk assignments reads, and the most rows: beyond them a run would take
/// hours and the browser's memory; the message says to split the file.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_ROWS: usize = 10_000;

/// One record of the file: the line it starts on (the header is line 1), its fields, and what is
/// malformed in it, if anything.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    pub malformed: Option<String>,
}

/// Splits CSV text into records (RFC 4180): a leading BOM dropped, `;` as the separator when the
/// header has more of them than commas (spreadsheets in many locales write that), a quote opens
/// quoting only at the start of a field (a stray quote inside a field is kept as a character and
/// never swallows the lines after it), `""` for a quote, line breaks inside quotes kept. Text after
/// a closing quote marks its record malformed; a quote never closed is the file's error.
pub fn records(text: &str) -> Result<Vec<Record>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or("");
    let sep = if header.matches(';').count() > header.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut out = vec![];
    let (mut fields, mut field) = (vec![], String::new());
    // Where the field is: at its start, inside quotes, after its closing quote, or plain text.
    #[derive(PartialEq)]
    enum At {
        Start,
        Quoted,
        Closed,
        Plain,
    }
    let (mut at, mut line, mut starts, mut opened) = (At::Start, 1usize, 1usize, 1usize);
    let mut malformed = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (&at, c) {
            (At::Quoted, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (At::Quoted, '"') => at = At::Closed,
            (At::Quoted, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (At::Start, '"') => {
                at = At::Quoted;
                opened = line;
            }
            (_, c) if c == sep => {
                fields.push(std::mem::take(&mut field));
                at = At::Start;
            }
            (_, '\r') => {}
            (_, '\n') => {
                fields.push(std::mem::take(&mut field));
                out.push(Record {
                    line: starts,
                    fields: std::mem::take(&mut fields),
                    malformed: malformed.take(),
                });
                line += 1;
                starts = line;
                at = At::Start;
            }
            (At::Closed, c) => {
                malformed.get_or_insert_with(|| {
                    format!("Row {line}: text after a closing quote (a quoted field must end at a separator).")
                });
                field.push(c);
            }
            (_, c) => {
                at = At::Plain;
                field.push(c);
            }
        }
    }
    if at == At::Quoted {
        return Err(format!(
            "Row {opened}: a quoted field is never closed, so the rest of the file cannot be read. Close the quote, or write a quote inside a field as \"\"."
        ));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push(Record {
            line: starts,
            fields,
            malformed,
        });
    }
    out.retain(|r| !r.fields.iter().all(|f| f.trim().is_empty()));
    Ok(out)
}
