// Loaded into every Node.js process the tests start (NODE_OPTIONS=--require this file),
// as sitecustomize.py is into Python ones: Lighthouse runs in Node, and must not
// reach anything but this machine.
//
// Any TCP connection or UDP send to a host that is not loopback, and any DNS
// lookup of a name other than localhost, prints one line to stderr and ends the
// process at once with exit code 97, so no catch in the code under test can hide
// it. Loopback stays open: Lighthouse drives chromium over 127.0.0.1, and the
// site is served there. Unix-domain sockets are not network.
"use strict";

const net = require("net");
const dns = require("dns");
const dgram = require("dgram");

const EXIT_NETWORK = 97;
const LOCAL_NAMES = new Set(["localhost", "localhost.", "ip6-localhost"]);

function die(what) {
  try {
    process.stderr.write(`plainpolicy-tests: NETWORK ACCESS ATTEMPTED: ${what}\n`);
  } finally {
    process.exit(EXIT_NETWORK);
  }
}

function isLoopback(host) {
  if (host === undefined || host === null || host === "") return true; // Node's default host is localhost
  const name = String(host).toLowerCase().replace(/^\[|\]$/g, "");
  if (LOCAL_NAMES.has(name)) return true;
  if (net.isIPv4(name)) return name.startsWith("127.");
  if (net.isIPv6(name)) return name === "::1" || name.startsWith("::ffff:127.");
  return false;
}

// socket.connect(options[, cb]), (port[, host][, cb]), (path[, cb]); net.connect passes [options, cb].
function connectTarget(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === "object") {
    return first.path !== undefined ? { unix: true } : { host: first.host, port: first.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { unix: true };
  return { host: typeof args[1] === "string" ? args[1] : undefined, port: first };
}

const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const target = connectTarget(args);
  if (!target.unix && !isLoopback(target.host)) die(`connect to ${target.host}:${target.port}`);
  return realConnect.apply(this, args);
};

const realSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function send(...args) {
  const host = args.find((arg, index) => index > 0 && typeof arg === "string");
  if (!isLoopback(host)) die(`UDP send to ${host}`);
  return realSend.apply(this, args);
};

function guardLookup(owner, name) {
  const real = owner[name];
  if (typeof real !== "function") return;
  owner[name] = function lookup(host, ...rest) {
    if (!isLoopback(host)) die(`DNS ${name}(${host})`);
    return real.call(this, host, ...rest);
  };
}

for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveTxt"]) {
  guardLookup(dns, name);
  guardLookup(dns.promises, name);
}
