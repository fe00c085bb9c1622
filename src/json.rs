//! JSON text read as a `serde_json::Value` first, then as the type: the one decoding path every
//! module already carries for Graph's answers, instead of a second, text-driven decoder compiled
//! for each type read from storage, config or the token endpoint (about 2 KB brotli a module).

use serde::de::DeserializeOwned;

/// `text` read as `T`. A syntax error says where it is; a wrong shape says what was expected.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str::<serde_json::Value>(text).and_then(serde_json::from_value)
}

#[cfg(test)]
mod tests {
    use super::from_text;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct S {
        a: String,
        #[serde(default)]
        b: Option<u32>,
    }

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        assert_eq!(
            from_text::<S>(r#"{"a":"x","b":2,"extra":[1]}"#).unwrap(),
            S {
                a: "x".into(),
                b: Some(2)
            }
        );
        assert_eq!(from_text::<S>(r#"{"a":"x"}"#).unwrap().b, None);
        let syntax = from_text::<S>(r#"{"a":"#).unwrap_err().to_string();
        assert!(syntax.contains("line 1"), "{syntax}");
        let shape = from_text::<S>(r#"{"a":1}"#).unwrap_err().to_string();
        assert!(shape.contains("expected a string"), "{shape}");
        assert!(from_text::<S>("{}").is_err());
    }
}
