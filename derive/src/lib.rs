//! `#[derive(Read)]`: a reader for a scenario type, written from the `#[serde(...)]` attributes the type
//! already carries (`deny_unknown_fields`, `default`, `default = "path"`, `rename`, `rename_all =
//! "kebab-case"`, `tag = "..."`), so the format is declared once. The generated code only names the
//! fields and variants and builds the value; everything else (the JSON tree, the messages, the paths) is
//! the runtime in `clusterplan_core::read`, shared by every type instead of copied into each, which is
//! what makes it smaller than serde's derive in WebAssembly.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Attribute, Data, DeriveInput, Fields, LitStr, parse_macro_input};

#[proc_macro_derive(Read, attributes(serde))]
pub fn derive_read(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// What `#[serde(...)]` says of a type, a field or a variant (what the reader needs of it).
#[derive(Default)]
struct Serde {
    deny_unknown_fields: bool,
    /// `default`: `Some(None)`; `default = "path"`: `Some(Some(path))`.
    default: Option<Option<syn::ExprPath>>,
    rename: Option<String>,
    /// `rename_all`: "kebab-case" (an enum's variants) or "camelCase" (a struct's fields).
    rename_all: Option<String>,
    tag: Option<String>,
}

/// The serde attributes that only change how a type is written; every other one this reader does not
/// implement is refused at compile time.
const SERIALIZATION_ONLY: &[&str] = &["skip_serializing_if", "serialize_with", "skip_serializing"];

fn serde_attributes(attributes: &[Attribute]) -> syn::Result<Serde> {
    let mut serde = Serde::default();
    for attribute in attributes.iter().filter(|a| a.path().is_ident("serde")) {
        attribute.parse_nested_meta(|meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                serde.deny_unknown_fields = true;
            } else if meta.path.is_ident("default") {
                serde.default = Some(match meta.value() {
                    Ok(value) => Some(value.parse::<LitStr>()?.parse::<syn::ExprPath>()?),
                    Err(_) => None,
                });
            } else if meta.path.is_ident("rename") {
                serde.rename = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("rename_all") {
                let rule = meta.value()?.parse::<LitStr>()?.value();
                if rule != "kebab-case" && rule != "camelCase" {
                    return Err(meta.error("derive(Read) knows rename_all = \"kebab-case\" and \"camelCase\""));
                }
                serde.rename_all = Some(rule);
            } else if meta.path.is_ident("tag") {
                serde.tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if SERIALIZATION_ONLY.iter().any(|name| meta.path.is_ident(name)) {
                // They change how the type is written, not how it is read.
                if let Ok(value) = meta.value() {
                    value.parse::<syn::Expr>()?;
                }
            } else {
                // Any other attribute (alias, skip, flatten, untagged, deserialize_with, …) would make serde's
                // derive read differently from this reader: refused here, so the two cannot drift.
                let name = meta.path.get_ident().map_or_else(|| "this".to_string(), |i| format!("`{i}`"));
                return Err(meta.error(format!(
                    "derive(Read) does not read the serde attribute {name}: implement it in derive/src/lib.rs, or leave it out"
                )));
            }
            Ok(())
        })?;
    }
    Ok(serde)
}

/// A name as serde's `rename_all` rule writes it: kebab-case puts a dash before each capital of a variant
/// name but the first and lowers them all; camelCase drops each underscore of a field name and raises the
/// letter after it.
fn renamed(name: &str, rule: Option<&str>) -> String {
    let mut out = String::new();
    match rule {
        Some("kebab-case") => {
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.extend(c.to_lowercase());
            }
        }
        Some("camelCase") => {
            let mut raise = false;
            for c in name.chars() {
                match c {
                    '_' => raise = true,
                    _ if raise => {
                        out.extend(c.to_uppercase());
                        raise = false;
                    }
                    _ => out.push(c),
                }
            }
        }
        _ => out.push_str(name),
    }
    out
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let container = serde_attributes(&input.attrs)?;
    // A type parameter is read too (`Saved<S>` reads its `S`).
    let mut generics = input.generics.clone();
    for parameter in generics.type_params_mut() {
        parameter.bounds.push(syn::parse_quote!(::clusterplan_core::read::Read));
    }
    let body = match &input.data {
        Data::Struct(data) => {
            let Fields::Named(fields) = &data.fields else {
                return Err(syn::Error::new_spanned(name, "derive(Read) reads structs with named fields"));
            };
            let expecting = format!("struct {name}");
            let build = struct_body(&quote!(#name), &expecting, &fields.named, &container, &generics)?;
            quote! {
                let entries = ::clusterplan_core::read::entries(value, #expecting)?;
                #build
            }
        }
        Data::Enum(data) => {
            let mut names = Vec::new();
            for variant in &data.variants {
                let serde = serde_attributes(&variant.attrs)?;
                let word = variant.ident.to_string();
                names.push(serde.rename.unwrap_or_else(|| renamed(&word, container.rename_all.as_deref())));
            }
            match &container.tag {
                None => {
                    let arms = data.variants.iter().enumerate().map(|(i, variant)| {
                        let ident = &variant.ident;
                        quote!(#i => #name::#ident,)
                    });
                    let last = &data.variants.last().expect("an enum with variants").ident;
                    quote! {
                        const VARIANTS: &[&str] = &[#(#names),*];
                        Ok(match ::clusterplan_core::read::variant(value, VARIANTS)? { #(#arms)* _ => #name::#last })
                    }
                }
                Some(tag) => {
                    let expecting = format!("internally tagged enum {name}");
                    let mut arms = Vec::new();
                    for (i, variant) in data.variants.iter().enumerate() {
                        let ident = &variant.ident;
                        arms.push(match &variant.fields {
                            Fields::Unit => quote!(#i => { ::clusterplan_core::read::unit_variant(&content)?; Ok(#name::#ident) }),
                            Fields::Named(fields) => {
                                let expecting = format!("struct variant {name}::{ident}");
                                let variant = Serde { deny_unknown_fields: container.deny_unknown_fields, ..Serde::default() };
                                let build = struct_body(&quote!(#name::#ident), &expecting, &fields.named, &variant, &generics)?;
                                quote!(#i => { let entries = content; (|| { #build })().map_err(::clusterplan_core::read::Error::here) })
                            }
                            Fields::Unnamed(_) => {
                                return Err(syn::Error::new_spanned(ident, "derive(Read) reads unit and struct variants"));
                            }
                        });
                    }
                    quote! {
                        const VARIANTS: &[&str] = &[#(#names),*];
                        let (index, content) = ::clusterplan_core::read::tagged(value, #expecting, #tag, VARIANTS)?;
                        match index { #(#arms)* _ => Err(::clusterplan_core::read::Error::here(::clusterplan_core::read::Error::unreachable())) }
                    }
                }
            }
        }
        Data::Union(_) => return Err(syn::Error::new_spanned(name, "derive(Read) does not read unions")),
    };
    let (implementation, type_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #implementation ::clusterplan_core::read::Read for #name #type_generics #where_clause {
            fn read(value: &::clusterplan_core::read::Value<'_>) -> ::core::result::Result<Self, ::clusterplan_core::read::Error> {
                #body
            }
        }
    })
}

/// Whether a field's type is an `Option` (by its name, as serde's derive tells it).
fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// Reads `entries` (an object's fields, or an array's elements by position, as serde reads a struct)
/// into the named fields and builds `path { … }`.
fn struct_body(
    path: &Tokens,
    expecting: &str,
    fields: &syn::punctuated::Punctuated<syn::Field, syn::Token![,]>,
    container: &Serde,
    generics: &syn::Generics,
) -> syn::Result<Tokens> {
    let mut names = Vec::new();
    let mut required = Vec::new();
    let mut slot_types = Vec::new();
    let mut slot_names = Vec::new();
    let mut arms = Vec::new();
    let mut builds = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let ident = field.ident.as_ref().expect("named fields");
        let serde = serde_attributes(&field.attrs)?;
        names
            .push(serde.rename.clone().unwrap_or_else(|| renamed(&ident.to_string(), container.rename_all.as_deref())));
        let slot = format_ident!("field_{}", i);
        let ty = &field.ty;
        slot_types.push(quote!(#slot: ::core::option::Option<#ty>,));
        slot_names.push(quote!(#slot: ::core::option::Option::None,));
        arms.push(quote!(#i => ::clusterplan_core::read::put(&mut self.#slot, value),));
        let absent = quote!(::clusterplan_core::read::Absent);
        let (when_absent, build) = match (&serde.default, &container.default) {
            (Some(None), _) => (quote!(#absent::Default), quote!(slots.#slot.unwrap_or_default())),
            (Some(Some(function)), _) => (quote!(#absent::Default), quote!(slots.#slot.unwrap_or_else(#function))),
            (None, Some(_)) => (quote!(#absent::Default), quote!(slots.#slot.unwrap_or(defaults.#ident))),
            // serde reads a missing `Option` field as `None`, unless the struct is written as an array.
            (None, None) if is_option(ty) => (quote!(#absent::NoneByName), quote!(slots.#slot.unwrap_or_default())),
            (None, None) => (quote!(#absent::Refused), quote!(::clusterplan_core::read::take(slots.#slot)?)),
        };
        required.push(when_absent);
        builds.push(quote!(#ident: #build,));
    }
    let deny = container.deny_unknown_fields;
    let (implementation, type_generics, where_clause) = generics.split_for_impl();
    let parameters = generics.type_params().map(|parameter| &parameter.ident);
    let defaults =
        container.default.as_ref().map(|_| quote!(let defaults = <Self as ::core::default::Default>::default();));
    Ok(quote! {
        const FIELDS: &[&str] = &[#(#names),*];
        const ABSENT: &[::clusterplan_core::read::Absent] = &[#(#required),*];
        // The fields read so far, one slot each; [`::clusterplan_core::read::Slots`] rather than a closure, whose
        // `dyn FnMut` would carry a second copy of it (its `FnOnce` shim).
        struct Slots #implementation #where_clause {
            #(#slot_types)*
            marker: ::core::marker::PhantomData<fn() -> (#(#parameters,)*)>,
        }
        impl #implementation ::clusterplan_core::read::Slots for Slots #type_generics #where_clause {
            fn put(&mut self, index: usize, value: &::clusterplan_core::read::Value<'_>) -> ::core::result::Result<(), ::clusterplan_core::read::Error> {
                match index { #(#arms)* _ => Ok(()) }
            }
        }
        let mut slots = Slots { #(#slot_names)* marker: ::core::marker::PhantomData };
        ::clusterplan_core::read::fields(entries, #expecting, FIELDS, ABSENT, #deny, &mut slots)?;
        #defaults
        Ok(#path { #(#builds)* })
    })
}
