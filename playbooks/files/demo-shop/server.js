// The demo shop's web process: answers every request with a greeting.
const http = require("http");
http.createServer((req, res) => res.end("demo-shop\n")).listen(process.env.PORT || 5000);
