/**
 * Conditional Access with real SDKs: the Graph JS client lists the default tenant's policies and creates
 * one (201, the full shape back, a GET-modify-POST copy accepted); the Kiota SDK, which has no fluent
 * builder for identity/conditionalAccess (clients.md §4), reads named locations and policies with
 * RequestInformation and the models' factories, getting typed, polymorphic objects.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { HttpMethod, RequestInformation } from "@microsoft/kiota-abstractions";
import { GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import {
  createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue,
  createNamedLocationCollectionResponseFromDiscriminatorValue,
  createNamedLocationFromDiscriminatorValue,
  type ConditionalAccessPolicyCollectionResponse,
  type CountryNamedLocation,
  type IpNamedLocation,
  type IPv4CidrRange,
  type IPv6CidrRange,
  type NamedLocation,
  type NamedLocationCollectionResponse,
} from "@microsoft/msgraph-sdk/models";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-sdk/models/oDataErrors";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

const OFFICE = "3c5a1b2d-0005-4000-8000-000000000001";
const SEED_POLICIES = ["Combined Security Info Registration with TAP", "Combined Security Info Registration on Trusted Networks"];

let tenant: Awaited<ReturnType<typeof createTenant>>;
let client: Client;
let adapter: GraphRequestAdapter;

beforeAll(async () => {
  tenant = await createTenant();
  const credential = new ClientSecretCredential(tenant.tenantId, BOOTSTRAP.appId, BOOTSTRAP.secret, { authorityHost: emulator().url, disableInstanceDiscovery: true });
  client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ["https://graph.microsoft.com/.default"] }),
    baseUrl: emulator().url,
    customHosts: new Set([emulator().hostname]),
  });
  const auth = new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"], undefined, new Set([emulator().hostname]));
  adapter = new GraphRequestAdapter(auth);
  adapter.baseUrl = `${emulator().url}/v1.0`;
});

const errors = { XXX: createODataErrorFromDiscriminatorValue };
function kiotaGet(path: string) {
  const ri = new RequestInformation(HttpMethod.GET, `{+baseurl}${path}`, { baseurl: adapter.baseUrl });
  ri.headers.tryAdd("Accept", "application/json");
  return ri;
}

describe("Conditional Access with the Graph JS client", () => {
  it("lists the default tenant's two report-only registration policies", async () => {
    const page = await client.api("/identity/conditionalAccess/policies").get();
    expect(page["@odata.context"]).toBe(`${emulator().url}/v1.0/$metadata#identity/conditionalAccess/policies`);
    const seeded = page.value.filter((p: any) => SEED_POLICIES.includes(p.displayName));
    expect(seeded).toHaveLength(2);
    for (const p of seeded) {
      expect(p.state).toBe("enabledForReportingButNotEnforced");
      expect(p.conditions.applications.includeUserActions).toEqual(["urn:user:registersecurityinfo"]);
      expect(p.conditions.locations).toEqual({ includeLocations: ["All"], excludeLocations: ["AllTrusted"] });
    }
  });

  it("creates a policy (201) and gets the full shape back; a GET-modify-POST copy is accepted", async () => {
    const created = await client.api("/identity/conditionalAccess/policies").post({
      displayName: "Require MFA for Exchange outside trusted locations",
      state: "enabledForReportingButNotEnforced",
      conditions: {
        clientAppTypes: ["mobileAppsAndDesktopClients", "browser"],
        applications: { includeApplications: ["00000002-0000-0ff1-ce00-000000000000"] },
        users: { includeUsers: ["All"] },
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.modifiedDateTime).toBeNull();
    expect(created.conditions.users.excludeUsers).toEqual([]);
    expect(created.conditions.platforms).toBeNull();
    expect(created.grantControls).toMatchObject({ operator: "OR", builtInControls: ["mfa"], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null });
    const read = await client.api(`/identity/conditionalAccess/policies/${created.id}`).get();
    const { id: _id, "@odata.context": _ctx, ...copy } = read;
    const second = await client.api("/identity/conditionalAccess/policies").post({ ...copy, displayName: "copy" });
    expect(second.id).not.toBe(created.id);
    expect(second.conditions).toEqual(created.conditions);
  });

  it("a rule the service enforces comes back as a GraphError 400", async () => {
    const error = await client.api("/identity/conditionalAccess/policies").post({
      displayName: "bad", state: "enabled",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"], includeUserActions: ["urn:user:registersecurityinfo"] } },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("BadRequest");
  });
});

describe("Conditional Access with the Kiota SDK (RequestInformation)", () => {
  it("reads named locations as typed ipNamedLocation / countryNamedLocation objects", async () => {
    await client.api("/identity/conditionalAccess/namedLocations").post({
      "@odata.type": "#microsoft.graph.countryNamedLocation", displayName: "Home countries", countriesAndRegions: ["US", "GB"], includeUnknownCountriesAndRegions: true,
    });
    const page = await adapter.send<NamedLocationCollectionResponse>(kiotaGet("/identity/conditionalAccess/namedLocations"), createNamedLocationCollectionResponseFromDiscriminatorValue, errors);
    const office = page?.value?.find((l) => l.id === OFFICE) as IpNamedLocation;
    expect(office.odataType).toBe("#microsoft.graph.ipNamedLocation");
    expect(office.displayName).toBe("Contoso office network");
    expect(office.isTrusted).toBe(true);
    const ranges = office.ipRanges ?? [];
    expect(ranges.map((r) => r.odataType)).toEqual(["#microsoft.graph.iPv4CidrRange", "#microsoft.graph.iPv6CidrRange"]);
    expect((ranges[0] as IPv4CidrRange).cidrAddress).toBe("203.0.113.0/24");
    expect((ranges[1] as IPv6CidrRange).cidrAddress).toBe("2001:db8:1::/48");
    const country = page?.value?.find((l) => l.displayName === "Home countries") as CountryNamedLocation;
    expect(country.odataType).toBe("#microsoft.graph.countryNamedLocation");
    expect(country.countriesAndRegions).toEqual(["US", "GB"]);
    expect(country.includeUnknownCountriesAndRegions).toBe(true);
    expect(country.countryLookupMethod).toBe("clientIpAddress");
    expect(country.createdDateTime).toBeInstanceOf(Date);
  });

  it("gets one named location, and an unknown one is an ODataError 404", async () => {
    const one = (await adapter.send<NamedLocation>(kiotaGet(`/identity/conditionalAccess/namedLocations/${OFFICE}`), createNamedLocationFromDiscriminatorValue, errors)) as IpNamedLocation;
    expect(one.isTrusted).toBe(true);
    const error = await adapter.send(kiotaGet("/identity/conditionalAccess/namedLocations/6f6f6f6f-0000-4000-8000-000000000000"), createNamedLocationFromDiscriminatorValue, errors).catch((e) => e);
    expect(error.responseStatusCode).toBe(404);
    expect(error.errorEscaped?.code).toBeTypeOf("string");
  });

  it("reads policies as typed conditionalAccessPolicy objects", async () => {
    const page = await adapter.send<ConditionalAccessPolicyCollectionResponse>(kiotaGet("/identity/conditionalAccess/policies"), createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue, errors);
    const tap = page?.value?.find((p) => p.displayName === SEED_POLICIES[0]);
    expect(tap?.state).toBe("enabledForReportingButNotEnforced");
    expect(tap?.conditions?.users?.includeUsers).toEqual(["All"]);
    expect(tap?.conditions?.users?.excludeRoles).toEqual(["62e90394-69f5-4237-9190-012177145e10"]);
    // Graph sends the flags enum guestOrExternalUserTypes comma-joined, as the emulator does; this Kiota
    // version only reads flags given as a JSON array, so the typed value is empty (an SDK limitation).
    expect(tap?.conditions?.users?.excludeGuestsOrExternalUsers).toBeTruthy();
    expect(tap?.grantControls?.builtInControls).toEqual(["mfa"]);
    expect(tap?.createdDateTime).toBeInstanceOf(Date);
  });
});
