/**
 * A deterministic synthetic road checkpoint scene: camera geometry, a seeded traffic plan that
 * loops seamlessly, and the Java2D painter that turns a moment of it into a 1280x720 frame.
 */
package io.xueliang.synth.scene;
