/** Benchmarks: every figure is a ratio of two measurements taken in the same run. */
package io.inkstream.bench;
