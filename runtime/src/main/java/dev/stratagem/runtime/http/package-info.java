/**
 * What the runtime's two HTTP servers, the console API ({@code web.api}) and the ops endpoint ({@code ops}),
 * share about requests: a JSON body read field by field ({@link dev.stratagem.runtime.http.JsonBodies}), an
 * expected failure with its status ({@link dev.stratagem.runtime.http.RequestProblem}), and the failure handler
 * that answers every failed request as RFC 9457 {@code application/problem+json}
 * ({@link dev.stratagem.runtime.http.ProblemHandler}). Tier: internal.
 */
package dev.stratagem.runtime.http;
