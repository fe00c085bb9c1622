//! Sign-in: PKCE, redirect handling, token cache and step-up; pure parts build natively.
