/**
 * Reads the Dockerfile the way docker does for the parts we rely on: stages, ARG defaults, ENV,
 * COPY --from, USER, HEALTHCHECK and CMD. There is no Docker engine on the test machines, so the
 * tests check the file and then run its command against the image's file layout.
 */
import { readFileSync } from "node:fs";

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
}

export interface Stage {
  name: string | null;
  /** The base image, ARG defaults substituted. */
  image: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  stages: Stage[];
}

function parseDockerfile(text: string): Dockerfile {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue; // a comment inside a continued instruction
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(`${pending}${line}`.trim());
    pending = "";
  }

  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? "").toUpperCase();
    const rest = match[2] ?? "";
    if (keyword === "ARG" && stages.length === 0) {
      const [name, value = ""] = rest.split("=", 2);
      if (name) args.set(name, value);
      continue;
    }
    if (keyword === "FROM") {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from?.[1]) throw new Error(`cannot read FROM ${rest}`);
      const image = from[1].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => args.get(braced ?? bare ?? "") ?? "");
      stages.push({ name: from[2] ?? null, image, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.instructions.push({ keyword, args: rest });
  }
  return { stages };
}

export function readDockerfile(path = "Dockerfile"): Dockerfile {
  return parseDockerfile(readFileSync(path, "utf8"));
}

export const finalStage = (dockerfile: Dockerfile): Stage => {
  const stage = dockerfile.stages.at(-1);
  if (!stage) throw new Error("no stages");
  return stage;
};

export const instructions = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);

/** The JSON array of an exec-form CMD (or HEALTHCHECK's CMD); throws on the shell form. */
export function execForm(args: string): string[] {
  const json = args.replace(/^(?:--\S+\s+)*(?:CMD\s+)?/i, "");
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) throw new Error(`not an exec-form command: ${args}`);
  return parsed;
}

/** ENV in both forms (`A=1 B=2` and `A 1`), in order. */
export function environment(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructions(stage, "ENV")) {
    if (!args.includes("=")) {
      const [name, ...value] = args.split(/\s+/);
      if (name) env[name] = value.join(" ");
      continue;
    }
    for (const pair of args.match(/\S+=("[^"]*"|\S*)/g) ?? []) {
      const [name, value = ""] = pair.split(/=(.*)/s);
      if (name) env[name] = value.replace(/^"|"$/g, "");
    }
  }
  return env;
}

export interface Copy {
  from: string | null;
  chown: string | null;
  sources: string[];
  destination: string;
}

export function copies(stage: Stage): Copy[] {
  return instructions(stage, "COPY").map(({ args }) => {
    const words = args.split(/\s+/);
    const flags = words.filter((word) => word.startsWith("--"));
    const paths = words.filter((word) => !word.startsWith("--"));
    const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
    const destination = paths.pop();
    if (destination === undefined) throw new Error(`COPY without a destination: ${args}`);
    return { from: flag("from"), chown: flag("chown"), sources: paths, destination };
  });
}

/** The WORKDIR in effect at the end of the stage. */
export function workdir(stage: Stage): string {
  return instructions(stage, "WORKDIR").at(-1)?.args ?? "/";
}
