//! A request with the type Graph answers it with (`Call<T>`), and a `$batch` whose answers are taken by typed handle.
//!
//! A builder in this module's siblings returns `Call<T>`; a blade that sends several in one
//! `$batch` adds each to a [`Batch`] and gets a [`Handle<T>`] back, with which it takes that
//! answer, read as `T`, from the [`Answers`]. No answer is ever picked by its position, so none
//! can be read as another's type.

use super::batch::{decode, SubResult};
use super::error::GraphError;
use super::request::GraphRequest;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use std::ops::Deref;

/// A request and the type of its answer.
pub struct Call<T> {
    request: GraphRequest,
    answer: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    /// `request`, whose answer Graph documents as `T`.
    pub fn new(request: GraphRequest) -> Self {
        Call {
            request,
            answer: PhantomData,
        }
    }

    /// The same request read as plain JSON: for readers that take objects of several types
    /// alike (a directory object's name, whether it is a user, a group or an application).
    pub fn as_json(self) -> Call<serde_json::Value> {
        Call::new(self.request)
    }

    /// The request alone.
    pub fn into_request(self) -> GraphRequest {
        self.request
    }
}

impl<T> Clone for Call<T> {
    fn clone(&self) -> Self {
        Call::new(self.request.clone())
    }
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.request.fmt(f)
    }
}

/// A call is its request wherever a request is read (its URL, its method).
impl<T> Deref for Call<T> {
    type Target = GraphRequest;
    fn deref(&self) -> &GraphRequest {
        &self.request
    }
}

/// Where one call's answer is in a batch's answers, and its type.
pub struct Handle<T> {
    index: usize,
    answer: PhantomData<fn() -> T>,
}

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Handle<T> {}

/// Calls to send together (in `$batch` requests of 20, by the client).
#[derive(Default)]
pub struct Batch {
    requests: Vec<GraphRequest>,
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds `call`; its answer is taken with the handle.
    pub fn add<T>(&mut self, call: Call<T>) -> Handle<T> {
        self.requests.push(call.request);
        Handle {
            index: self.requests.len() - 1,
            answer: PhantomData,
        }
    }

    /// Adds each call, in order.
    pub fn add_all<T>(&mut self, calls: impl IntoIterator<Item = Call<T>>) -> Vec<Handle<T>> {
        calls.into_iter().map(|c| self.add(c)).collect()
    }

    /// The requests, in the order they were added.
    pub fn requests(&self) -> &[GraphRequest] {
        &self.requests
    }
}

/// What Graph answered to each call of a batch.
pub struct Answers {
    results: Vec<Option<SubResult>>,
}

impl Answers {
    /// The client's results, one per request in the batch's order.
    pub fn new(results: Vec<SubResult>) -> Self {
        Answers {
            results: results.into_iter().map(Some).collect(),
        }
    }

    /// The answer of the call `handle` was given for, read as its type. Taken once: a second
    /// take, like a missing answer, is an error, never an empty value.
    pub fn take<T: DeserializeOwned>(&mut self, handle: Handle<T>) -> Result<T, GraphError> {
        decode(self.results.get_mut(handle.index).and_then(Option::take))
    }

    /// Every answer of `handles`, in their order.
    pub fn take_all<T: DeserializeOwned>(
        &mut self,
        handles: &[Handle<T>],
    ) -> Vec<Result<T, GraphError>> {
        handles.iter().map(|h| self.take(*h)).collect()
    }
}

/// `calls` as one batch: their handles, in order.
pub fn batch_of<T>(calls: impl IntoIterator<Item = Call<T>>) -> (Batch, Vec<Handle<T>>) {
    let mut batch = Batch::new();
    let handles = batch.add_all(calls);
    (batch, handles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_answer_is_taken_by_its_handle_as_its_type() {
        let mut b = Batch::new();
        let name: Handle<String> = b.add(Call::new(GraphRequest::get("/a")));
        let count: Handle<u32> = b.add(Call::new(GraphRequest::get("/b")));
        assert_eq!(b.requests()[1].url, "/b");
        let mut a = Answers::new(vec![Ok(json!("x")), Ok(json!(3))]);
        assert_eq!(a.take(count).unwrap(), 3);
        assert_eq!(a.take(name).unwrap(), "x");
        // Taken already: an error, not a default.
        assert!(a.take(name).is_err());
    }

    #[test]
    fn a_missing_or_misshapen_answer_is_an_error() {
        let mut b = Batch::new();
        let n: Handle<u32> = b.add(Call::new(GraphRequest::get("/a")));
        let m: Handle<u32> = b.add(Call::new(GraphRequest::get("/b")));
        let mut a = Answers::new(vec![Ok(json!("not a number"))]);
        assert!(a.take(n).is_err());
        assert!(a.take(m).is_err());
    }
}
