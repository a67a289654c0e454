/**
 * The authentication methods policy through the Kiota Graph SDK (@microsoft/msgraph-sdk): there is no
 * fluent builder for /policies in the installed packages, so requests are built as RequestInformation
 * (clients.md §4) with the SDK's own models and serializers. Patches the TAP configuration and reads it
 * back typed; reads the root policy with its polymorphic configurations; maps a 400 to ODataError.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClientSecretCredential } from "@azure/identity";
import { AzureIdentityAuthenticationProvider } from "@microsoft/kiota-authentication-azure";
import { HttpMethod, RequestInformation, type RequestAdapter } from "@microsoft/kiota-abstractions";
import { GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import {
  createAuthenticationMethodConfigurationFromDiscriminatorValue,
  createAuthenticationMethodsPolicyFromDiscriminatorValue,
  serializeTemporaryAccessPassAuthenticationMethodConfiguration,
  type AuthenticationMethodConfiguration,
  type AuthenticationMethodsPolicy,
  type TemporaryAccessPassAuthenticationMethodConfiguration,
} from "@microsoft/msgraph-sdk/models";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-sdk/models/oDataErrors";
import { BOOTSTRAP, createTenant, emulator } from "./support/emulator";

let adapter: RequestAdapter;
const errors = { XXX: createODataErrorFromDiscriminatorValue };
const TAP_URL = "{+baseurl}/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}";

function request(method: HttpMethod, template: string, id?: string) {
  const ri = new RequestInformation(method, template, { baseurl: adapter.baseUrl, ...(id ? { id } : {}) });
  ri.headers.tryAdd("Accept", "application/json");
  return ri;
}

async function getConfiguration(id: string) {
  return adapter.send<AuthenticationMethodConfiguration>(request(HttpMethod.GET, TAP_URL, id), createAuthenticationMethodConfigurationFromDiscriminatorValue, errors);
}

/**
 * The derived type's own serializer: in this SDK version the base `serializeAuthenticationMethodConfiguration`
 * dispatches to the derived serializer with isSerializingDerivedType=true, which then writes nothing.
 */
async function patchTap(id: string, body: TemporaryAccessPassAuthenticationMethodConfiguration) {
  const ri = request(HttpMethod.PATCH, TAP_URL, id);
  ri.setContentFromParsable(adapter, "application/json", body, serializeTemporaryAccessPassAuthenticationMethodConfiguration);
  await adapter.sendNoResponseContent(ri, errors);
}

beforeAll(async () => {
  const tenant = await createTenant();
  const credential = new ClientSecretCredential(tenant.tenantId, BOOTSTRAP.appId, BOOTSTRAP.secret, { authorityHost: emulator().url, disableInstanceDiscovery: true });
  const auth = new AzureIdentityAuthenticationProvider(credential, ["https://graph.microsoft.com/.default"], undefined, new Set([emulator().hostname]));
  const graph = new GraphRequestAdapter(auth);
  graph.baseUrl = `${emulator().url}/v1.0`;
  adapter = graph;
});

describe("authentication methods policy with the Kiota SDK", () => {
  it("patches the TAP configuration with the SDK's serializer and reads it back typed", async () => {
    const patch: TemporaryAccessPassAuthenticationMethodConfiguration = {
      odataType: "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      isUsableOnce: false,
      defaultLifetimeInMinutes: 120,
      maximumLifetimeInMinutes: 1440,
    };
    await patchTap("temporaryAccessPass", patch);
    const tap = (await getConfiguration("TemporaryAccessPass")) as TemporaryAccessPassAuthenticationMethodConfiguration;
    expect(tap.odataType).toBe("#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration");
    expect(tap.id).toBe("TemporaryAccessPass");
    expect(tap).toMatchObject({ state: "enabled", isUsableOnce: false, defaultLifetimeInMinutes: 120, maximumLifetimeInMinutes: 1440, minimumLifetimeInMinutes: 60, defaultLength: 8 });
    expect(tap.includeTargets?.[0]).toMatchObject({ id: "0f1e2d3c-0001-4000-8000-000000000003", targetType: "group", isRegistrationRequired: false });
  });

  it("reads the root policy with every configuration as its derived type", async () => {
    const policy = await adapter.send<AuthenticationMethodsPolicy>(
      request(HttpMethod.GET, "{+baseurl}/policies/authenticationMethodsPolicy"), createAuthenticationMethodsPolicyFromDiscriminatorValue, errors,
    );
    expect(policy?.policyMigrationState).toBe("preMigration");
    expect(policy?.lastModifiedDateTime).toBeInstanceOf(Date);
    expect(policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign?.snoozeDurationInDays).toBe(1);
    const tap = policy?.authenticationMethodConfigurations?.find((c) => c.id === "TemporaryAccessPass") as TemporaryAccessPassAuthenticationMethodConfiguration;
    expect(tap.odataType).toBe("#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration");
    expect(typeof tap.defaultLength).toBe("number");
    expect(policy?.authenticationMethodConfigurations).toHaveLength(8);
  });

  it("surfaces a range violation as an ODataError with Graph's 400", async () => {
    const error = await patchTap("TemporaryAccessPass", {
      odataType: "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      defaultLength: 64,
    } as TemporaryAccessPassAuthenticationMethodConfiguration).catch((e) => e);
    expect(error.responseStatusCode).toBe(400);
    expect(error.errorEscaped?.code).toBe("badRequest");
    expect(error.errorEscaped?.message).toContain("defaultLength");
  });
});
