// My account (#/account): the login's own email and password. Both need the current password, and both belong to
// the login, so they are the same in every account it is a member of.
import { api, enc, refuse, setToken } from '../api.js';
import { announce, field, form, h, input, newPassword, roleName, showFlash } from '../ui.js';

export function myAccountScreen(me, signOut) {
  const status = h('p', { role: 'status', class: 'announce' });
  showFlash(status);
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
