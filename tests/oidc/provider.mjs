// A real OpenID Connect provider (the npm package oidc-provider) for the single sign-on tests.
//
// Started by the pytest fixture in tests/oidc/fixtures.py on 127.0.0.1 with its configuration in
// the environment variable OIDC_TEST_CONFIG (JSON): {"port": 0, "clients": [...], "accounts": {...}}.
// Accounts are {id: {email, name, given_name, family_name, groups: [...]}}; a test changes one with
// PUT /test/accounts/<id> (loopback only, this test provider has no other users).
//
// Login: the interaction signs in the account named by the authorisation request's `login_hint`
// (an unknown one is refused with access_denied); without a hint it shows a one-field form where
// the person types the account (the browser test). Consent is granted for the requested scopes. Everything else is the provider's own protocol: authorisation code flow with
// PKCE required, the nonce, signed ID tokens (RS256, JWKS), the token endpoint with client
// secrets, RP-initiated logout.
//
// Clients with special behaviour, to test the relying party's checks with this real provider:
//   *-expired:       ID tokens live 1 s and the token answer is sent 2.5 s later (expired on arrival)
//   *-wrong-aud:     the ID token is re-signed with the provider's own key for another audience
//   *-bad-signature: the ID token is re-signed with another key under the provider's key id

import * as crypto from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const port = Number(config.port);
const issuer = `http://127.0.0.1:${port}`;
const accounts = config.accounts || {};

function rsaKey(kid) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const signing = rsaKey('test-key-1');
const stranger = rsaKey('test-key-1'); // same key id, different key: its signatures must fail

const b64url = (data) => Buffer.from(data).toString('base64url');

function resign(idToken, privateKey, changes) {
  const [header, payload] = idToken.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes };
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign('sha256', Buffer.from(input), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

const endsWith = (ctx, suffix) => (ctx.oidc?.client?.clientId || '').endsWith(suffix);

const provider = new Provider(issuer, {
  clients: config.clients || [],
  jwks: { keys: [signing.jwk] },
  cookies: { keys: ['yhdyspinta-test-provider-cookie-key'] },
  pkce: { required: () => true },
  conformIdTokenClaims: false, // claims of the granted scopes go into the ID token, as Entra ID does
  claims: {
    openid: ['sub', 'groups'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true }, // dynamic client registration: the browser test's live server port
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>${form}
<button form="op.logoutForm" type="submit" name="logout" value="yes">Sign out</button></body></html>`;
      },
    },
  },
  ttl: {
    IdToken: (ctx, token, client) => (client.clientId.endsWith('-expired') ? 1 : 3600),
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, preferred_username: account.email, ...account };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
}

provider.use(async (ctx, next) => {
  // Test control: PUT /test/accounts/<id> replaces an account's claims (e.g. its groups).
  const control = ctx.path.match(/^\/test\/accounts\/([^/]+)$/);
  if (control && ctx.method === 'PUT') {
    accounts[decodeURIComponent(control[1])] = await readJson(ctx.req);
    ctx.status = 204;
    return;
  }
  const interaction = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (interaction && ['GET', 'POST'].includes(ctx.method)) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let hint = details.params.login_hint;
    if (ctx.method === 'POST') {
      let body = '';
      for await (const chunk of ctx.req) body += chunk;
      hint = new URLSearchParams(body).get('login');
    } else if (!hint) { // no hint: the person types their account, as at a real provider
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Test provider</title></head><body><main>
<h1>Test provider</h1><form method="post" action="/interaction/${details.uid}">
<label for="login">Account</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Continue</button></form></main></body></html>`;
      return;
    }
    const result = accounts[hint]
      ? { login: { accountId: hint } }
      : { error: 'access_denied', error_description: 'unknown user' };
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    if (endsWith(ctx, '-expired')) {
      await new Promise((resolve) => { setTimeout(resolve, 2500); });
    } else if (endsWith(ctx, '-wrong-aud')) {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, signing.privateKey, { aud: 'another-application' }) };
    } else if (endsWith(ctx, '-bad-signature')) {
      ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, stranger.privateKey, {}) };
    }
  }
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider listening at ${issuer}\n`);
});
