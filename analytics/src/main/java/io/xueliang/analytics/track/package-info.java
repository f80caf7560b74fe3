/**
 * Plate tracking per camera: a SORT-style constant-velocity Kalman filter over plate boxes with IoU (and same-text)
 * association (Bewley et al., "Simple Online and Realtime Tracking", 2016), and one consolidated read per vehicle
 * pass when a track ends: character-wise vote, best crop, direction, trigger-line time.
 */
package io.xueliang.analytics.track;
