package io.xueliang.analytics.plate.ocr;
/** (separate file) corners clockwise from the plate's top-left in frame pixels; box the axis-aligned bounds; crop upright, perspective-corrected. */
public record PlateCandidate(double[] corners, io.xueliang.analytics.image.Box box, double score, io.xueliang.analytics.image.BgrImage crop) {}
