#!/usr/bin/env node
// Benchmarks arrive with the benchmark issue; until then say so plainly.
console.log('skiff bench: no benchmarks yet');
