// The demo shop's worker process: stands in for a queue consumer.
setInterval(() => console.log("demo-shop worker: nothing to do"), 60000);
