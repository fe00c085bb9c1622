//! Graph's resources as the blades use them, named exactly as Graph names them. Unknown fields
//! are ignored, missing optional ones tolerated, enums read in any case.

mod directory;
mod pim;
mod policy;
mod reviews;

pub use directory::*;
pub use pim::*;
pub use policy::*;
pub use reviews::*;

use serde::{Deserialize, Deserializer};

/// A collection page: `value`, `@odata.nextLink`, `@odata.count`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.count", default)]
    pub count: Option<u64>,
}

/// Defines a Graph enum read without regard to case (Graph's docs write `Direct` and `direct`),
/// with `Unknown` for members added later, and written in the schema's lowerCamel.
macro_rules! graph_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)+ Unknown }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ $name::Unknown => "unknownFutureValue" }
            }

            /// The member a wire value names, whatever its case; `Unknown` for any other.
            pub fn from_wire(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($wire) { return $name::$variant; })+
                $name::Unknown
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok($name::from_wire(&String::deserialize(d)?))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use graph_enum;

/// `null` and a missing array both read as empty.
pub(crate) fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests;
