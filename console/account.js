// The signed-in login's own screens and controls: the account picker of the sign-in form, the header's Account
// switcher (a new sign-in to the chosen account: a token speaks for one account), My account (own email and
// password, with the current password) and accepting an invitation.
import { ApiError, api, enc, setToken } from './api.js';
import { field, form, h, input, select } from './ui.js';

export const POLICY = 'At least 8 characters, with a digit, a lower-case and an upper-case letter. ';

export function roleName(role) {
  return { AGENCY_ADMIN: 'agency admin', ADMIN: 'admin', USER: 'user' }[role] || String(role).toLowerCase();
}

function announce(region, text) {
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A new-password field whose hint says, as they type, what the password policy still needs. */
export function newPassword(label, name = 'password') {
  const control = input(name, { type: 'password', autocomplete: 'new-password' });
  const policy = h('span');
  const check = () => {
    const v = control.value;
    const missing = [v.length >= 8 ? null : '8 characters', /\d/.test(v) ? null : 'a digit',
      /[a-z]/.test(v) ? null : 'a lower-case letter', /[A-Z]/.test(v) ? null : 'an upper-case letter'].filter(Boolean);
    policy.textContent = missing.length ? 'Still needs: ' + missing.join(', ') + '.' : 'The password meets the policy.';
  };
  control.addEventListener('input', check);
  check();
  const wrap = field(label, control, { hint: POLICY });
  wrap.querySelector('.hint').append(policy);
  return { wrap, control, check };
}

/** A problem the console finds itself, shown like the API's: next to the field it names. */
function refuse(fieldName, message) {
  return new ApiError(400, 'VALIDATION_FAILED', 'Check the highlighted field.', [{ field: fieldName, message }]);
}

/** The accounts a sign-in refusal offers (POST /sessions answers 400 with one entry per account it may enter). */
export function accountChoices(error) {
  return (error && error.details || []).filter(d => d && d.accountId && d.name && d.role && !d.field);
}

/**
 * The sign-in form's account picker, added the first time POST /sessions asks which account; the refusal is put
 * in words next to it (the API names the accounts by id only in its accountId problem).
 */
export function accountPicker(slot, error) {
  const choices = accountChoices(error);
  if (!choices.length) return error;
  if (!slot.firstChild) {
    slot.append(field('Account', select('accountId', choices.map(c => [c.accountId, c.name + ' (' + roleName(c.role) + ')'])), {
      hint: 'This login belongs to ' + choices.length + ' accounts: pick the one to manage.' }));
  }
  return new ApiError(error.status, error.code, 'Your login belongs to several accounts: pick one, then sign in.',
    [{ field: 'accountId', message: 'pick one of your ' + choices.length + ' accounts' }]);
}

/** The header's Account control: which account the token is for, and a way into another of the login's accounts. */
export function accountSwitcher(slot, me) {
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

function loginOf(me) {
  return me.user.username ? { username: me.user.username } : { email: me.user.email };
}

/** #/switch/{accountId}: the password once more, and a token for the other account. */
export function switchScreen(me, accountId, signedIn) {
  const target = (me.accounts || []).find(a => a.accountId === accountId);
  if (!target) {
    return h('section', { class: 'narrow' }, h('h1', {}, 'No such account'),
      h('p', {}, 'Your login is not a member of that account.'), h('p', {}, h('a', { href: '#/users' }, 'Go to Users')));
  }
  const name = target.name || target.accountId;
  const login = loginOf(me);
  const f = form({ 'aria-labelledby': 'switch-title' }, [
    field('Username', input('username', { autocomplete: 'username', readonly: true, value: login.username || login.email })),
    field('Password', input('password', { type: 'password', autocomplete: 'current-password' }), {
      hint: 'A session speaks for one account: switching signs you in again, to ' + name + '.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Switch to ' + name),
      h('a', { href: '#/users' }, 'Stay in ' + (me.accountName || me.accountId))),
  ], async data => {
    const password = String(data.get('password') || '');
    if (!password) throw refuse('password', 'is required to switch accounts');
    const session = await api('POST', '/sessions', { ...login, password, accountId });
    setToken(session.token);
    signedIn('#/users');
  });
  return h('section', { class: 'narrow' },
    h('h1', { id: 'switch-title' }, 'Switch to ' + name),
    h('p', {}, 'You are signed in to ' + (me.accountName || me.accountId) + ' as ' + me.user.displayName + '; in '
      + name + ' you are ' + roleName(target.role) + '.'),
    f);
}

/** #/account: the login's own email and password (both need the current password; both are the login's). */
export function myAccountScreen(me, signOut) {
  const status = h('p', { role: 'status', class: 'announce' });
  const flash = sessionStorage.getItem('cloudphone.flash');
  sessionStorage.removeItem('cloudphone.flash');
  if (flash) announce(status, flash);
  const user = me.user;
  const emailForm = form({ 'aria-labelledby': 'email-title', class: 'settings' }, [
    h('h2', { id: 'email-title' }, 'Email'),
    h('p', { class: 'hint' }, 'Your email belongs to your login: it is the same in every account you are a member of,'
      + ' and you can sign in with it.'),
    field('Email', input('email', { type: 'email', autocomplete: 'email', value: user.email || '' })),
    field('Current password', input('currentPassword', { type: 'password', autocomplete: 'current-password' }), {
      hint: 'Proves it is you.' }),
    h('button', { type: 'submit' }, 'Save email'),
  ], async (data, f) => {
    const email = String(data.get('email') || '').trim();
    if (!email) throw refuse('email', 'is required');
    if (email === (user.email || '')) {
      announce(status, 'Nothing to save: that is your email already.');
      return;
    }
    const saved = await api('PATCH', '/users/' + enc(user.userId), { email, currentPassword: String(data.get('currentPassword') || '') });
    user.email = saved.email;
    f.querySelector('[name=currentPassword]').value = '';
    facts.replaceChildren(...factRows());
    announce(status, 'Your email is now ' + saved.email + '.');
  });
  const fresh = newPassword('New password');
  const passwordForm = form({ 'aria-labelledby': 'password-title', class: 'settings' }, [
    h('h2', { id: 'password-title' }, 'Password'),
    h('p', { class: 'hint' }, 'Changing it ends every session signed in with the old one, in every account: you sign in'
      + ' again with the new one.'),
    field('Current password', input('currentPassword', { type: 'password', autocomplete: 'current-password' })),
    fresh.wrap,
    field('Repeat the new password', input('repeat', { type: 'password', autocomplete: 'new-password' })),
    h('button', { type: 'submit' }, 'Change password'),
  ], async data => {
    const password = String(data.get('password') || '');
    if (password !== String(data.get('repeat') || '')) throw refuse('repeat', 'does not match the new password');
    await api('PATCH', '/users/' + enc(user.userId), { password, currentPassword: String(data.get('currentPassword') || '') });
    // the old token stops working (tokensNotBefore); the console drops it at once rather than wait for a 401
    setToken(null);
    signOut('Your password is changed and every session signed in with the old one has ended. Sign in with the new password.');
  });
  const factRows = () => [['Name', user.displayName], ['Username', user.username], ['Email', user.email],
    ['Here', roleName(user.role) + ' of ' + (me.accountName || me.accountId)]].filter(([, v]) => v)
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]);
  const facts = h('dl', { class: 'facts' }, factRows());
  return h('section', {},
    h('h1', {}, 'My account'),
    facts,
    (me.accounts || []).length > 1 ? h('section', { 'aria-labelledby': 'accounts-title' },
      h('h2', { id: 'accounts-title' }, 'Your accounts'),
      h('ul', { class: 'plain' }, me.accounts.map(a => h('li', {}, (a.name || a.accountId) + ': ' + roleName(a.role)
        + (a.accountId === me.accountId ? ' (signed in here)' : ''))))) : null,
    status,
    emailForm,
    passwordForm);
}

/**
 * #/invitation?token=...: the link of the invitation email. The token is taken out of the address bar at once
 * (it stays only in this page's memory), the invited person chooses a password and is signed in.
 */
export function invitationScreen(signedIn) {
  const token = new URLSearchParams(location.hash.split('?')[1] || '').get('token') || '';
  if (token) history.replaceState(null, '', location.pathname + '#/invitation');
  if (!token) {
    return h('section', { class: 'narrow' }, h('h1', {}, 'Accept your invitation'),
      h('p', { role: 'alert' }, 'This invitation link is incomplete: open the link from your invitation email again.'));
  }
  const fresh = newPassword('Password');
  const f = form({ 'aria-labelledby': 'invitation-title' }, [
    fresh.wrap,
    field('Repeat the password', input('repeat', { type: 'password', autocomplete: 'new-password' })),
    h('button', { type: 'submit' }, 'Set password and sign in'),
  ], async data => {
    const password = String(data.get('password') || '');
    if (password !== String(data.get('repeat') || '')) throw refuse('repeat', 'does not match the password');
    const session = await api('POST', '/invitations/accept', { token, password });
    setToken(session.token);
    sessionStorage.setItem('cloudphone.flash', 'Welcome: your password is set and you are signed in.');
    signedIn('#/account');
  });
  return h('section', { class: 'narrow' },
    h('h1', { id: 'invitation-title' }, 'Accept your invitation'),
    h('p', {}, 'Choose the password you will sign in with, together with the email address you were invited with.'),
    f);
}
