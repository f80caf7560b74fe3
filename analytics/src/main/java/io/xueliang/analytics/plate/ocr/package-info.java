/** Finding and reading plates with PaddleOCR's PP-OCRv4 models on ONNX Runtime: detection, crops, CTC decoding. */
package io.xueliang.analytics.plate.ocr;
