/**
 * Errors of the HTTP API as RFC 9457 problem details ({@code application/problem+json}): the
 * {@link io.xueliang.api.problem.ApiProblem} handlers throw, and the one failure handler that maps
 * every failure (contract violations, size limits, unexpected exceptions) to a problem answer.
 */
package io.xueliang.api.problem;
