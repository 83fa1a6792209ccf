// A real OpenID Connect provider on loopback, shaped like an Entra ID tenant, for the sign-in browser tests.
//
//   node server.mjs --port 5600 --app http://127.0.0.1:5211
//   (or PORT / APP_URL in the environment; TENANT_ID, CLIENT_ID and CLIENT_SECRET override the defaults below)
//
// Issuer: http://127.0.0.1:<port>/<tenant>/v2.0, as Entra's {instance}{tenant}/v2.0. Discovery and the key set live
// under the issuer; the login page under /<tenant>/login/. Code flow with PKCE, form_post responses, client_secret_post
// at the token endpoint, RP-initiated logout. Id tokens carry oid, tid, name, preferred_username, ver and (app) roles.
// Plain http is deliberate: it only ever listens on 127.0.0.1, and the app accepts an http authority only outside
// Production. On start it prints one line "listening <issuer>" for the test fixture to wait for.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    app: { type: 'string' },
    tenant: { type: 'string' },
  },
});

const port = Number(args.port ?? process.env.PORT ?? 0);
const appUrl = (args.app ?? process.env.APP_URL ?? 'http://127.0.0.1:5211').replace(/\/+$/, '');
const tenantId = args.tenant ?? process.env.TENANT_ID ?? '7d4c5a8e-9f21-4b3c-8e6d-2a1b0c9d8e7f';
const clientId = process.env.CLIENT_ID ?? '3f2e1d0c-b9a8-4765-9432-10fedcba9876';
const clientSecret = process.env.CLIENT_SECRET ?? 'loopback-test-secret-not-for-production';
const mountPath = `/${tenantId}/v2.0`;
const loginPath = `/${tenantId}/login/`;

// The tenant's people. Passwords are test fixtures; the provider never listens beyond loopback.
const users = [
  { username: 'manager@contoso.test', password: 'Manager-Pass-1', oid: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Mei Manager', roles: ['SalesManager'] },
  { username: 'sales@contoso.test', password: 'Sales-Pass-1', oid: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Sam Sales', roles: ['Sales'] },
  { username: 'norole@contoso.test', password: 'NoRole-Pass-1', oid: 'a1b2c3d4-0000-4000-8000-000000000003', name: 'Nora Norole', roles: [] },
];

// Entra's sub is pairwise per app and differs from oid; the app must link staff by oid, so they differ here too.
const subjectOf = (user) => `sub-${user.oid.slice(-12)}`;

function findUser(sub) {
  return users.find((u) => subjectOf(u) === sub);
}

// A fresh signing key per run, published at the JWKS endpoint (/discovery/v2.0/keys) like a tenant's keys.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `loopback-${Date.now()}`, use: 'sig', alg: 'RS256' };

const tokenClaims = ['oid', 'tid', 'name', 'preferred_username', 'roles', 'ver'];

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [`${appUrl}/signin-oidc`],
    post_logout_redirect_uris: [`${appUrl}/signout-callback-oidc`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Entra puts the user's claims in the id token itself (the app does not call userinfo).
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub', ...tokenClaims],
    profile: ['name', 'preferred_username'],
    email: ['email'],
  },
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  pkce: { required: () => true },
  responseTypes: ['code'],
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
  },
  routes: {
    authorization: '/oauth2/v2.0/authorize',
    token: '/oauth2/v2.0/token',
    jwks: '/discovery/v2.0/keys',
    end_session: '/oauth2/v2.0/logout',
    userinfo: '/oidc/userinfo',
  },
  interactions: {
    url: (ctx, interaction) => `${loginPath}${interaction.uid}`,
  },
  // A company tenant has consented for its users already: the app asks no consent question.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }

    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email offline_access');
    grant.addOIDCClaims(['sub', ...tokenClaims]);
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, id) => {
    const user = findUser(id);
    if (!user) {
      return undefined;
    }

    return {
      accountId: subjectOf(user),
      claims: async () => {
        const claims = {
          sub: subjectOf(user),
          oid: user.oid,
          tid: tenantId,
          ver: '2.0',
          name: user.name,
          preferred_username: user.username,
          email: user.username,
        };
        if (user.roles.length > 0) {
          claims.roles = user.roles;
        }

        return claims;
      },
    };
  },
  jwks: { keys: [signingKey] },
  cookies: { keys: ['loopback-cookie-key-1'] },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 120 },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><pre id="error">${escape(JSON.stringify(out, null, 2))}</pre>`);
  },
};

if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('Give a port (--port or PORT): the issuer names it, so it cannot be chosen by the system.');
  process.exit(2);
}

const provider = new Provider(`http://127.0.0.1:${port}${mountPath}`, configuration);
provider.on('server_error', (ctx, err) => console.error('server_error', err));

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>`;
}

function loginForm(uid, error, username) {
  return page('Sign in to your account', `
    <h1>Sign in to your account</h1>
    ${error ? `<p id="login-error" role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="${loginPath}${uid}">
      <label>Username <input name="username" id="username" type="email" autocomplete="username" value="${escape(username ?? '')}" required autofocus></label>
      <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
      <button type="submit" id="signin">Sign in</button>
    </form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }

  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function handleLogin(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // Consent is pre-granted (loadExistingGrant); any other prompt is finished with what the provider knows.
      await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      return;
    }

    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginForm(details.uid));
      return;
    }

    const form = await readForm(req);
    const user = users.find((u) => u.username === form.get('username')?.trim().toLowerCase() && u.password === form.get('password'));
    if (!user) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginForm(details.uid, 'Your account or password is incorrect.', form.get('username')));
      return;
    }

    await provider.interactionFinished(req, res, { login: { accountId: subjectOf(user) } }, { mergeWithLastSubmission: false });
  } catch (err) {
    console.error('interaction error', err);
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Sign-in error', `<h1>Sign-in error</h1><p id="error">${escape(err.message)}</p>`));
  }
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith(loginPath)) {
    handleLogin(req, res);
    return;
  }

  if (req.url === mountPath || req.url.startsWith(`${mountPath}/`)) {
    // Mounted like express's app.use(mountPath, ...): the provider sees the path below the issuer.
    req.originalUrl = req.url;
    req.url = req.url.slice(mountPath.length) || '/';
    callback(req, res);
    return;
  }

  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not found');
});

server.listen(port, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${port}${mountPath}`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
