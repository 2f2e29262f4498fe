import { describe, expect, it } from "vitest";
import { checkAddress } from "./address-policy";
import { checkDestinationUrl, type Resolve } from "./destination-url";

const noDns: Resolve = () => Promise.reject(new Error("DNS must not be asked for an IP literal"));
const dnsAnswers =
  (answers: Record<string, string[]>): Resolve =>
  async (hostname) => (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const strict = (resolve: Resolve = noDns) => ({ allowPrivate: false, resolve });

describe("checkAddress: the address ranges a destination may never reach", () => {
  it.each([
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:c0a8:0101::1", "private"],
  ])("refuses %s (%s)", (address, name) => {
    const verdict = checkAddress(address, false);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(name);
  });

  it.each(["93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14"])("allows the public address %s", (address) => {
    expect(checkAddress(address, false)).toEqual({ ok: true });
  });

  it("ALERTS_ALLOW_PRIVATE opens private, loopback, CGNAT and unique-local, and nothing else", () => {
    for (const address of ["10.0.0.1", "127.0.0.1", "::1", "100.64.0.1", "fd00::1", "::ffff:192.168.0.1"]) {
      expect(checkAddress(address, true)).toEqual({ ok: true });
    }
    for (const address of ["169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1", "255.255.255.255"]) {
      expect(checkAddress(address, true).ok).toBe(false);
    }
  });
});

describe("checkDestinationUrl", () => {
  it("takes https to a public name and returns the address it checked", async () => {
    const verdict = await checkDestinationUrl("https://hooks.example.com/alerts?x=1", strict(dnsAnswers({ "hooks.example.com": ["93.184.215.14"] })));
    expect(verdict).toMatchObject({ ok: true, address: { address: "93.184.215.14", family: 4 } });
  });

  it.each([
    ["http://hooks.example.com/", "https://"],
    ["ftp://hooks.example.com/", "https://"],
    ["file:///etc/passwd", "https://"],
    ["not a url", "valid absolute URL"],
    ["https://user:pass@hooks.example.com/", "user name or password"],
    [`https://hooks.example.com/${"a".repeat(2_100)}`, "longer than"],
  ])("refuses the shape of %s", async (url, reason) => {
    const verdict = await checkDestinationUrl(url, strict(dnsAnswers({ "hooks.example.com": ["93.184.215.14"] })));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it.each([
    ["https://127.0.0.1/", "loopback"],
    ["https://[::1]/", "loopback"],
    ["https://[::ffff:127.0.0.1]/", "loopback"],
    ["https://[::ffff:a9fe:a9fe]/latest/meta-data", "link-local"],
    ["https://2130706433/", "loopback"],
    ["https://0x7f.0.0.1/", "loopback"],
    ["https://0x7f000001/", "loopback"],
    ["https://017700000001/", "loopback"],
    ["https://10.1/", "private"],
    ["https://169.254.169.254/latest/meta-data", "link-local"],
    ["https://[fd00::1]/", "unique-local"],
    ["https://0.0.0.0/", "unspecified"],
    ["http://localhost/", "loopback"],
    ["http://127.0.0.1:8080/", "loopback"],
  ])("refuses %s, an IP literal in any spelling (%s)", async (url, reason) => {
    const verdict = await checkDestinationUrl(url, strict(dnsAnswers({ localhost: ["127.0.0.1", "::1"] })));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it.each([
    ["internal.example.com", ["10.0.0.5"], "private"],
    ["metadata.example.com", ["169.254.169.254"], "link-local"],
    ["v6.example.com", ["fd00::5"], "unique-local"],
    ["mapped.example.com", ["::ffff:192.168.0.1"], "private"],
    // One bad address among good ones refuses the name: the connection could land on either.
    ["mixed.example.com", ["93.184.215.14", "127.0.0.1"], "loopback"],
  ])("refuses %s, a name that resolves to %j (%s)", async (host, addresses, reason) => {
    const verdict = await checkDestinationUrl(`https://${host}/hook`, strict(dnsAnswers({ [host]: addresses })));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(new RegExp(`^${host} resolves to ${addresses.at(-1)} is a ${reason} address`));
  });

  it("says a name that does not resolve is unresolved (a send retries it)", async () => {
    const verdict = await checkDestinationUrl("https://nowhere.example.com/", strict(dnsAnswers({})));
    expect(verdict).toMatchObject({ ok: false, unresolved: true });
  });

  it("allows plain http to localhost only with ALERTS_ALLOW_PRIVATE", async () => {
    const resolve = dnsAnswers({ localhost: ["127.0.0.1"] });
    expect((await checkDestinationUrl("http://localhost:9000/hook", { allowPrivate: true, resolve })).ok).toBe(true);
    expect((await checkDestinationUrl("http://[::1]:9000/hook", { allowPrivate: true, resolve })).ok).toBe(true);
    expect((await checkDestinationUrl("http://10.0.0.1:9000/hook", { allowPrivate: true, resolve })).ok).toBe(false);
  });
});
