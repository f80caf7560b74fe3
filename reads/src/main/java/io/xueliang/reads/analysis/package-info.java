/**
 * The investigator's analyses over the read store (DESIGN.md §9): companion vehicles, first appearance, night
 * activity, region collision, frequent passage, cloned plates and the boundary ring's "entered and still inside".
 * Each is bounded (window, results) and scoped to the cameras its caller may see; long ones run as jobs.
 */
package io.xueliang.reads.analysis;
