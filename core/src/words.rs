//! Words: small enums that reports of both families serialise as the words programs read (`"online"`,
//! `"cut-off"`), with the same word for CSS classes and tables, and compared with a word directly
//! (`state == "online"`).

/// Declares such an enum: each variant with its word.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $word)] $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant),*];

            /// The word JSON carries.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.word())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.word() == *other
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.word()
            }
        }
    };
}
pub(crate) use words;

/// Names as a sentence lists them: "ex5", "ex5 and ex6", "ex5, ex6 and the witness".
pub fn list(names: &[impl AsRef<str>]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// A count and its noun, singular or plural: "1 remark", "4 remarks", "0 DNS names".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    words! {
        /// A test vocabulary.
        Light { Green = "green", RedAndAmber = "red-and-amber", }
    }

    #[test]
    fn lists_and_counts_read_as_sentences() {
        assert_eq!(super::list(&[] as &[&str]), "");
        assert_eq!(super::list(&["ex5"]), "ex5");
        assert_eq!(super::list(&["ex5", "ex6"]), "ex5 and ex6");
        assert_eq!(super::list(&["ex5", "ex6", "the witness"]), "ex5, ex6 and the witness");
        assert_eq!(super::count(1, "remark", "remarks"), "1 remark");
        assert_eq!(super::count(4, "remark", "remarks"), "4 remarks");
        assert_eq!(super::count(0, "DNS name", "DNS names"), "0 DNS names");
    }

    #[test]
    fn words_serialise_display_and_compare_alike() {
        for &light in Light::ALL {
            assert_eq!(serde_json::to_value(light).unwrap(), light.word());
            assert_eq!(light.to_string(), light.word());
            assert!(light == light.word() && light.word() == light);
        }
        assert_eq!(Light::RedAndAmber.word(), "red-and-amber");
        assert!(Light::Green != "red-and-amber");
    }
}
