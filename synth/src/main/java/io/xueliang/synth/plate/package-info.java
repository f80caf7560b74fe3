/**
 * Renders Chinese licence plates (blue, yellow, new-energy green) after the layout of GA 36-2018,
 * for synthetic scenes and for plate-reader test images.
 */
package io.xueliang.synth.plate;
