/**
 * Temporary Access Pass through real SDKs: the Graph JS client (plain JSON) and the Kiota Graph SDK (typed
 * models: `@odata.type` must be right for the discriminator, numbers and dates must parse). The default
 * tenant enables TAP for the "TAP Pilot" group (bob is in it) with one-time passes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

let tenant: Awaited<ReturnType<typeof createTenant>>;
let js: Client;
let kiota: GraphServiceClient;

beforeAll(async () => {
  tenant = await createTenant();
  const credential = new ClientSecretCredential(tenant.tenantId, BOOTSTRAP.appId, BOOTSTRAP.secret, { authorityHost: emulator().url, disableInstanceDiscovery: true });
  js = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ["https://graph.microsoft.com/.default"] }),
    baseUrl: emulator().url,
    customHosts: new Set([emulator().hostname]),
  });
  const auth = new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"], undefined, new Set([emulator().hostname]));
  const adapter = new GraphRequestAdapter(auth);
  adapter.baseUrl = `${emulator().url}/v1.0`;
  kiota = createGraphServiceClient(adapter);
});

describe("TAP with the Graph JS client", () => {
  it("creates, lists and deletes a pass; the value is only in the create response", async () => {
    const path = `/users/${tenant.upn("bob")}/authentication/temporaryAccessPassMethods`;
    const created = await js.api(path).post({ lifetimeInMinutes: 60, isUsableOnce: true });
    expect(created["@odata.type"]).toBe("#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expect(created.temporaryAccessPass).toMatch(/^.{8}$/);
    expect(created).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: true, isUsable: true, methodUsabilityReason: "EnabledByPolicy" });

    const list = await js.api(path).get();
    expect(list.value).toHaveLength(1);
    expect(list.value[0]).toMatchObject({ id: created.id, temporaryAccessPass: null });

    await js.api(`${path}/${created.id}`).delete();
    expect((await js.api(path).get()).value).toEqual([]);
  });

  it("surfaces the lifetime error as a GraphError with the service's wording", async () => {
    const error = await js.api(`/users/${tenant.upn("bob")}/authentication/temporaryAccessPassMethods`).post({ lifetimeInMinutes: 600 }).catch((e) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("badRequest");
    expect(error.message).toBe("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
  });
});

describe("TAP with the Kiota Graph SDK", () => {
  it("creates, lists and deletes a pass as typed objects", async () => {
    const methods = kiota.users.byUserId(tenant.upn("bob")).authentication.temporaryAccessPassMethods;
    const start = new Date(Date.parse((await (await fetch(`${emulator().url}/_emulator/tenants/${tenant.tenantId}/clock`)).json()).now) + 5 * 60_000);
    const created = await methods.post({ lifetimeInMinutes: 120, isUsableOnce: true, startDateTime: start });
    expect(created?.odataType).toBe("#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expect(created?.lifetimeInMinutes).toBe(120);
    expect(typeof created?.lifetimeInMinutes).toBe("number");
    expect(created?.createdDateTime).toBeInstanceOf(Date);
    expect(created?.startDateTime?.toISOString()).toBe(start.toISOString());
    expect(created?.isUsable).toBe(false);
    expect(created?.methodUsabilityReason).toBe("NotYetValid");
    expect(created?.temporaryAccessPass).toBeTypeOf("string");

    const page = await methods.get();
    expect(page?.value).toHaveLength(1);
    const listed = page!.value![0];
    expect(listed.odataType).toBe("#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    expect(listed.id).toBe(created?.id);
    expect(listed.temporaryAccessPass ?? null).toBeNull();
    expect(listed.createdDateTime).toBeInstanceOf(Date);

    const one = await methods.byTemporaryAccessPassAuthenticationMethodId(created!.id!).get();
    expect(one?.lifetimeInMinutes).toBe(120);

    // The polymorphic /methods list resolves each item to its own type.
    const all = await kiota.users.byUserId(tenant.upn("bob")).authentication.methods.get();
    const types = (all?.value ?? []).map((m) => m.odataType);
    expect(types).toContain("#microsoft.graph.passwordAuthenticationMethod");
    expect(types).toContain("#microsoft.graph.temporaryAccessPassAuthenticationMethod");

    await methods.byTemporaryAccessPassAuthenticationMethodId(created!.id!).delete();
    expect((await methods.get())?.value ?? []).toEqual([]);
  });
});
