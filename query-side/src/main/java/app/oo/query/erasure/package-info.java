/** The erasure audit: the evidence of each erasure, step by step, kept after the person is gone. */
package app.oo.query.erasure;
