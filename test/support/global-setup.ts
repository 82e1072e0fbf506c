// Placeholder until the local stack lands: unit tests need nothing started.
export default function setup(): void {}
