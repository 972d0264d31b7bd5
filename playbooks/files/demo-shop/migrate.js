// The demo shop's release phase: where database migrations would run before each release goes live.
console.log("demo-shop: no migrations to run");
