// The shell: the hash router, the header (who is signed in, the Account control, the navigation) and drawing a
// screen into <main>. Each screen is a module of screens/.
import { api, claims, enc, setToken, token, whenSessionExpires } from './api.js';
import { errorSection, h, roleName, select } from './ui.js';
import { signInScreen } from './screens/sign-in.js';
import { usersScreen } from './screens/users.js';
import { userScreen } from './screens/user.js';
import { deletionWizard } from './screens/wizard.js';
import { numbersScreen } from './screens/numbers.js';
import { queuesScreen } from './screens/queues.js';
import { callflowsScreen } from './screens/callflows.js';
import { callsScreen } from './screens/calls.js';
import { jobsScreen } from './screens/jobs.js';
import { agencyScreen } from './screens/agency.js';
import { myAccountScreen } from './screens/account.js';
import { switchScreen } from './screens/switch.js';
import { invitationScreen } from './screens/invitation.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let signInReason = '';
let renderCount = 0;
let me = null;
let meToken = null;

/** GET /me, once per token: who is signed in, in which account, and its seats. */
async function whoAmI() {
  if (meToken !== token()) {
    me = await api('GET', '/me');
    meToken = token();
  }
  return me;
}

/** GET /me again, for a screen that changed what it says (the seats used). */
function freshMe() {
  meToken = null;
  return whoAmI();
}

whenSessionExpires(reason => {
  signInReason = reason;
  location.hash = '#/sign-in';
  render();
});

document.getElementById('sign-out').addEventListener('click', () => {
  setToken(null);
  signInReason = 'You have signed out.';
  location.hash = '#/sign-in';
});

/** Signed out by the console itself (a changed password): back to sign-in, saying why. */
function signOutWith(reason) {
  setToken(null);
  signInReason = reason;
  if (location.hash === '#/sign-in') render(); else location.hash = '#/sign-in';
}

/** A new token (another account, an accepted invitation): go to `hash` with the header redone. */
function signedInTo(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

window.addEventListener('hashchange', render);
render();

/** Which screen the hash names; every screen gets a fresh page and the focus on its heading. */
async function render() {
  const mine = ++renderCount;
  const stillHere = () => mine === renderCount;
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/users';
  const signedIn = Boolean(token()) && !(claims()?.exp * 1000 < Date.now());
  nav.hidden = !signedIn;
  who.hidden = !signedIn;
  if (path === '/invitation') return show(mine, invitationScreen(signedInTo));
  if (!signedIn) {
    if (token()) {
      setToken(null);
      signInReason = 'Your session has expired. Sign in again.';
    }
    const reason = signInReason;
    signInReason = '';
    return show(mine, signInScreen(reason, render));
  }
  if (path === '/sign-in') {
    location.hash = '#/users';
    return;
  }
  try {
    await whoAmI();
  } catch (e) {
    if (e && e.status === 401) return;
    return show(mine, errorSection(e));
  }
  document.getElementById('who-text').textContent = me.user.displayName + ', ' + me.user.role.toLowerCase().replace('_', ' ')
    + ' of ' + (me.accountName || me.accountId);
  accountSwitcher(document.getElementById('account-slot'), me);
  document.getElementById('nav-agency').hidden = me.user.role !== 'AGENCY_ADMIN';
  for (const link of document.querySelectorAll('header a[href^="#/"]')) {
    const current = path.startsWith(link.getAttribute('href').slice(1));
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (path === '/account') return show(mine, myAccountScreen(me, signOutWith));
  const switching = path.match(/^\/switch\/([\w-]+)$/);
  if (switching) return show(mine, switchScreen(me, switching[1], signedInTo));
  if (me.user.role === 'USER') {
    nav.hidden = true;
    return show(mine, adminsOnly());
  }
  const screens = [
    [/^\/users\/([\w-]+)\/delete$/, id => deletionWizard(id, stillHere)],
    [/^\/users\/([\w-]+)$/, id => userScreen(me, id)],
    [/^\/users$/, () => usersScreen(me, freshMe)],
    [/^\/numbers$/, () => numbersScreen(render)],
    [/^\/queues$/, () => queuesScreen(render)],
    [/^\/callflows$/, () => callflowsScreen(render)],
    [/^\/calls$/, callsScreen],
    [/^\/jobs$/, jobsScreen],
    [/^\/agency$/, () => agencyScreen(me, stillHere, render)],
  ];
  let node;
  try {
    const match = screens.map(([re, fn]) => [path.match(re), fn]).find(([m]) => m);
    node = match ? await match[1](...match[0].slice(1)) : notFound();
  } catch (e) {
    if (e && e.status === 401) return;
    node = errorSection(e);
  }
  show(mine, node);
}

function show(mine, node) {
  if (mine !== renderCount) return;
  main.replaceChildren(node);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    document.title = heading.textContent + ' · Cloud phone console';
    heading.focus({ preventScroll: true });
  }
}

function notFound() {
  return h('section', {}, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/users' }, 'Go to Users')));
}

function adminsOnly() {
  return h('section', { class: 'narrow' }, h('h1', {}, 'Admins only'),
    h('p', {}, 'You are signed in as ' + me.user.displayName + ', a user of ' + (me.accountName || me.accountId)
      + '. This console manages users, numbers, queues and callflows, which only admins may do: ask an admin of the'
      + ' account for admin access.'),
    h('p', {}, 'Your own email and password are on ', h('a', { href: '#/account' }, 'My account'), '.'));
}

/** The header's Account control: which account the token is for, and a way into another of the login's accounts. */
function accountSwitcher(slot, me) {
  const accounts = me.accounts || [];
  if (accounts.length < 2) {
    slot.hidden = true;
    slot.replaceChildren();
    return;
  }
  const choose = select('account', accounts.map(a => [a.accountId, (a.name || a.accountId) + ' (' + roleName(a.role) + ')']),
    { id: 'account-switch' });
  choose.value = me.accountId;
  const go = h('button', { type: 'button', class: 'secondary' }, 'Switch');
  go.addEventListener('click', () => {
    location.hash = choose.value === me.accountId ? '#/users' : '#/switch/' + enc(choose.value);
  });
  slot.replaceChildren(h('label', { for: 'account-switch' }, 'Account'), choose, go);
  slot.hidden = false;
}
