package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import java.time.Instant;
import java.util.UUID;

/**
 * A read reduced to what a trajectory shows: which read, where, when, how the vehicle moved, and the plate as read.
 * The store answers these from its plate index alone, without the reads' rows (a year of a commuter is thousands of
 * rows, each on a page of its own); the read itself is {@link ReadStore#get} away.
 *
 * @param id        the read's id
 * @param camera    where
 * @param time      when
 * @param direction how the vehicle moved relative to the camera
 * @param plateText the plate as read, with its separators
 */
public record PlateSighting(UUID id, CameraId camera, Instant time, PlateRead.Direction direction,
        String plateText) {
}
