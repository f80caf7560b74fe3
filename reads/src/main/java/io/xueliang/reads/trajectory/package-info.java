/**
 * A vehicle's trajectory (DESIGN.md §9): its sightings in time order with the cameras' names, regions and positions,
 * the speed implied between consecutive sightings (great-circle distance over time) and a cloned-plate flag where
 * that speed is impossible.
 */
package io.xueliang.reads.trajectory;
