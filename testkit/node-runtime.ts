/** The Node.js versions the project states: the oldest it supports (engines) and the one it is tested on. */
import { readFileSync } from "node:fs";

export const nodeMajor = (version: string): number => Number(version.replace(/^v/, "").split(".")[0]);

const engines = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
/** From package.json's `engines.node`, which is written `>=N`. */
export const MINIMUM_NODE_MAJOR = Number(/^>=(\d+)$/.exec(engines)?.[1]);
/** .node-version: what scripts/setup.sh installs and the Docker image's major. */
export const TESTED_NODE_VERSION = readFileSync(".node-version", "utf8").trim();
