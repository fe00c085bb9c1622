//! Checks JSON bodies against Graph's own v1.0 schema (shared/graph/v1.0-Prod.csdl): no property
//! the type lacks, enum members that exist, values of the declared kind.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Type {
    base: Option<String>,
    open: bool,
    props: HashMap<String, String>,
}

struct Schema {
    types: HashMap<String, Type>,
    enums: HashMap<String, Vec<String>>,
}

fn schema() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/graph/v1.0-Prod.csdl"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = roxmltree::Document::parse(&text).expect("CSDL parses");
        let mut types = HashMap::new();
        let mut enums = HashMap::new();
        let qualify = |t: &str| match t.strip_prefix("graph.") {
            Some(rest) => format!("microsoft.graph.{rest}"),
            None => t.to_owned(),
        };
        for node in doc.descendants() {
            let name = node.attribute("Name").unwrap_or_default();
            let schema_node = node.ancestors().find(|a| a.tag_name().name() == "Schema");
            let namespace = schema_node
                .and_then(|s| s.attribute("Namespace"))
                .unwrap_or("microsoft.graph");
            match node.tag_name().name() {
                "EntityType" | "ComplexType" => {
                    let props = node
                        .children()
                        .filter(|c| {
                            matches!(c.tag_name().name(), "Property" | "NavigationProperty")
                        })
                        .map(|c| {
                            let ty = qualify_collection(
                                c.attribute("Type").unwrap_or_default(),
                                &qualify,
                            );
                            (c.attribute("Name").unwrap_or_default().to_owned(), ty)
                        })
                        .collect();
                    let base = node.attribute("BaseType").map(qualify);
                    let open = node.attribute("OpenType") == Some("true");
                    types.insert(format!("{namespace}.{name}"), Type { base, open, props });
                }
                "EnumType" => {
                    let members = node
                        .children()
                        .filter(|c| c.tag_name().name() == "Member")
                        .map(|c| c.attribute("Name").unwrap_or_default().to_owned())
                        .collect();
                    enums.insert(format!("{namespace}.{name}"), members);
                }
                _ => {}
            }
        }
        Schema { types, enums }
    })
}

fn qualify_collection(t: &str, qualify: &dyn Fn(&str) -> String) -> String {
    match t
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(inner) => format!("Collection({})", qualify(inner)),
        None => qualify(t),
    }
}

fn property_type(s: &Schema, ty: &str, prop: &str) -> Option<(String, bool)> {
    let mut cur = Some(ty.to_owned());
    let mut open = false;
    while let Some(name) = cur {
        let t = s.types.get(&name)?;
        open |= t.open;
        if let Some(p) = t.props.get(prop) {
            return Some((p.clone(), open));
        }
        cur = t.base.clone();
    }
    if open {
        Some(("Edm.Untyped".into(), true))
    } else {
        None
    }
}

fn derives(s: &Schema, ty: &str, from: &str) -> bool {
    let mut cur = Some(ty.to_owned());
    while let Some(name) = cur {
        if name == from {
            return true;
        }
        cur = s.types.get(&name).and_then(|t| t.base.clone());
    }
    false
}

/// Every problem with `v` as an instance of `ty` (e.g. `microsoft.graph.group`), with its path.
pub fn problems(v: &Value, ty: &str) -> Vec<String> {
    let mut out = vec![];
    check(schema(), v, ty, "$", &mut out);
    out
}

/// Panics with the list of problems, if any.
pub fn assert_conforms(v: &Value, ty: &str) {
    let p = problems(v, ty);
    assert!(
        p.is_empty(),
        "{ty} does not conform to Graph's schema:\n{}\n{v:#}",
        p.join("\n")
    );
}

/// Checks a collection answer: each item of `value` is a `ty`.
pub fn assert_collection(v: &Value, ty: &str) {
    let items = v["value"]
        .as_array()
        .unwrap_or_else(|| panic!("no value array in {v}"));
    for item in items {
        assert_conforms(item, ty);
    }
}

fn check(s: &Schema, v: &Value, ty: &str, path: &str, out: &mut Vec<String>) {
    if v.is_null() {
        return;
    }
    if let Some(inner) = ty
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        match v.as_array() {
            Some(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| check(s, x, inner, &format!("{path}[{i}]"), out)),
            None => out.push(format!("{path}: expected an array of {inner}")),
        }
        return;
    }
    let kind_ok = match ty {
        "Edm.String" | "Edm.Duration" | "Edm.Guid" | "Edm.Binary" => v.is_string(),
        "Edm.DateTimeOffset" => v
            .as_str()
            .is_some_and(|x| chrono::DateTime::parse_from_rfc3339(x).is_ok()),
        // A date alone: `2026-12-03`, no time (the docs' examples with a time are wrong).
        "Edm.Date" => v
            .as_str()
            .is_some_and(|x| chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d").is_ok()),
        "Edm.Boolean" => v.is_boolean(),
        "Edm.Int32" | "Edm.Int64" | "Edm.Int16" | "Edm.Byte" => v.is_i64() || v.is_u64(),
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => v.is_number(),
        "Edm.Untyped" => true,
        _ => {
            if let Some(members) = s.enums.get(ty) {
                let ok = v.as_str().is_some_and(|x| {
                    x.split(',')
                        .all(|part| members.iter().any(|m| m == part.trim()))
                });
                if !ok {
                    out.push(format!(
                        "{path}: {v} is not a member of {ty} ({})",
                        members.join(", ")
                    ));
                }
                return;
            }
            if !s.types.contains_key(ty) {
                out.push(format!("{path}: unknown type {ty}"));
                return;
            }
            let Some(obj) = v.as_object() else {
                out.push(format!("{path}: expected an object of {ty}"));
                return;
            };
            let mut actual = ty.to_owned();
            if let Some(t) = obj.get("@odata.type").and_then(Value::as_str) {
                let t = t.trim_start_matches('#').to_owned();
                if !s.types.contains_key(&t) || !derives(s, &t, ty) {
                    out.push(format!("{path}: @odata.type {t} is not a {ty}"));
                    return;
                }
                actual = t;
            }
            for (k, x) in obj {
                if k.starts_with('@') || k.contains("@odata.") {
                    continue;
                }
                match property_type(s, &actual, k) {
                    Some((pty, _)) => check(s, x, &pty, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}: {actual} has no property '{k}'")),
                }
            }
            return;
        }
    };
    if !kind_ok {
        out.push(format!("{path}: {v} is not a {ty}"));
    }
}
