// The deletion wizard: every blocker at once (the check call), a choice per callflow and number drawn from the
// plan POST /users/{id}/offboarding accepts, then the job's progress, its failure in words, a retry, the purge date.
import { all, api, enc } from '../api.js';
import { busy, date, field, form, h, kindName, select } from '../ui.js';
import { rememberJob } from './jobs.js';

export const STEPS = [
  ['STARTING', 'Starting'],
  ['REMOVE_FROM_QUEUES', 'Removing from queues'],
  ['CALLFLOWS', 'Updating callflows'],
  ['NUMBERS', 'Handling numbers'],
  ['WAITING_FOR_PURGE', 'Deleting the user'],
  ['DONE', 'Purging the personal data'],
];

export function describeBlocker(b) {
  switch (b.type) {
    case 'QUEUE': return 'Member of the queue ' + b.name + (b.extension ? ' with extension ' + b.extension : '');
    case 'CALLFLOW': return (b.kind === 'DIRECT' ? 'Direct line ' : 'Dialled by the group ') + b.name
      + ' (version ' + (b.versions || []).join(', ') + ')' + (b.numbers && b.numbers.length ? ', numbers ' + b.numbers.join(', ') : '');
    case 'NUMBER': return 'Number ' + b.number + ' is assigned to them';
    case 'DEVICE': return 'Logged in on ' + b.name + ' (' + kindName(b.kind) + ')';
    default: return b.type;
  }
}

export async function deletionWizard(userId, stillHere) {
  const base = '/users/' + enc(userId);
  const [user, blockers, callflows, users, numbers] = await Promise.all([
    api('GET', base), api('GET', base + '/deletion-blockers').then(b => b.blockers),
    all('/callflows'), all('/users'), all('/numbers')]);
  const name = user.displayName;
  const others = users.filter(u => u.userId !== userId);
  const queues = blockers.filter(b => b.type === 'QUEUE');
  const flows = blockers.filter(b => b.type === 'CALLFLOW');
  const owned = blockers.filter(b => b.type === 'NUMBER');
  const devices = blockers.filter(b => b.type === 'DEVICE');

  const parts = [];
  if (queues.length) {
    parts.push(h('fieldset', { class: 'step', 'data-field': 'queues' }, h('legend', {}, 'Queues'),
      h('p', {}, name + ' is taken out of every queue: ' + queues.map(q => q.name).join(', ') + '. '
        + 'The other members stay.'), h('p', { class: 'field-error', hidden: true })));
  }
  const choices = [];
  for (const b of flows) {
    const key = 'callflows[' + b.callflowId + ']';
    const actions = b.kind === 'GROUP'
      ? [['DROP_FROM_GROUP', 'Take ' + name + ' out of its dial list (a new version)'],
         ['MOVE_NUMBERS', 'Move its numbers to another callflow, then delete it']]
      : [['MOVE_NUMBERS', 'Move its numbers to another callflow, then delete it']];
    const action = select('action', actions);
    const targets = callflows.filter(c => c.callflowId !== b.callflowId)
      .map(c => [c.callflowId, c.name + ' (' + kindName(c.kind) + ')']);
    const target = select('target', [['', targets.length ? 'Choose a callflow' : 'No other callflow: create one first'], ...targets]);
    const targetField = field('Move the numbers of ' + b.name + ' to', target, { name: key + '.targetCallflowId' });
    const sync = () => { targetField.hidden = action.value !== 'MOVE_NUMBERS'; };
    action.addEventListener('change', sync);
    sync();
    choices.push(() => action.value === 'MOVE_NUMBERS'
      ? { kind: 'callflow', callflowId: b.callflowId, action: action.value, targetCallflowId: target.value || undefined }
      : { kind: 'callflow', callflowId: b.callflowId, action: action.value });
    parts.push(h('fieldset', { class: 'step', 'data-field': key },
      h('legend', {}, (b.kind === 'DIRECT' ? 'Direct line ' : 'Group ') + b.name),
      field('What happens to ' + b.name, action, { name: key + '.action' }), targetField,
      h('p', { class: 'field-error', hidden: true })));
  }
  for (const b of owned) {
    const key = 'numbers[' + b.number + ']';
    const action = select('action', [
      ['RECYCLE', 'Recycle: back to the available numbers, still owned'],
      ['REASSIGN', 'Give it to another user (its contacts follow)'],
      ['RELEASE', 'Release it for good (cannot be undone); its contacts go to another number']]);
    const toUser = select('toUserId', others.map(u => [u.userId, u.displayName]));
    const heirs = numbers.filter(n => n.number !== b.number && n.state !== 'RELEASED').map(n => [n.number, n.number]);
    const heir = select('contactsHeir', heirs.length ? heirs : [['', 'No other number']]);
    const toField = field('New user for ' + b.number, toUser, { name: key + '.toUserId' });
    const heirField = field('Number that takes over the contacts of ' + b.number, heir, { name: key + '.contactsHeir' });
    const sync = () => { toField.hidden = action.value !== 'REASSIGN'; heirField.hidden = action.value !== 'RELEASE'; };
    action.addEventListener('change', sync);
    sync();
    choices.push(() => ({ kind: 'number', number: b.number, action: action.value,
      toUserId: action.value === 'REASSIGN' ? toUser.value : undefined,
      contactsHeir: action.value === 'RELEASE' ? heir.value || undefined : undefined }));
    parts.push(h('fieldset', { class: 'step', 'data-field': key }, h('legend', {}, 'Number ' + b.number),
      field('What happens to ' + b.number, action, { name: key + '.action' }), toField, heirField,
      h('p', { class: 'field-error', hidden: true })));
  }
  if (devices.length) {
    parts.push(h('fieldset', { class: 'step' }, h('legend', {}, 'Devices'),
      h('p', {}, name + ' is logged in on ' + devices.map(d => d.name + ' (' + kindName(d.kind) + ')').join(', ')
        + '. The offboarding stops before deleting the user while a device is logged in; you can log it out when it does.')));
  }

  const plan = () => {
    const body = { callflows: [], numbers: [] };
    if (queues.length) body.queues = 'REMOVE_ALL';
    for (const choice of choices) {
      const { kind, ...entry } = choice();
      body[kind === 'callflow' ? 'callflows' : 'numbers'].push(JSON.parse(JSON.stringify(entry)));
    }
    return body;
  };

  const progress = h('progress', { max: STEPS.length - 1, value: 0, 'aria-label': 'Offboarding progress' });
  const stepItems = STEPS.map(([, text]) => h('li', {}, text));
  const stepList = h('ol', { class: 'steps', 'aria-label': 'Steps' }, stepItems);
  // currentStep names the last step done; the one after it is running, stopped, or (the purge) waiting
  const markSteps = (index, status) => stepItems.forEach((li, i) => {
    const next = { RUNNING: 'current', FAILED: 'failed', WAITING_FOR_PURGE: 'waiting', SUCCEEDED: 'done' }[status];
    const mark = i <= index || status === 'SUCCEEDED' ? 'done' : i === index + 1 ? next : 'todo';
    li.dataset.state = mark;
    if (mark !== 'done' && mark !== 'todo') li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  });
  const statusText = h('p', { id: 'offboarding-status-text' });
  const status = h('div', { role: 'status', class: 'progress', id: 'offboarding-status' }, statusText);
  const actions = h('div', { class: 'actions' });
  const progressBox = h('section', { class: 'job', 'aria-labelledby': 'progress-title', hidden: true },
    h('h2', { id: 'progress-title' }, 'Progress'), progress, stepList, status, actions);
  let submitted = null;
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users'), ' › ', h('a', { href: '#' + base }, name));
  const blockersTitle = h('h2', { id: 'blockers-title' }, 'What still depends on ' + name + ' (' + blockers.length + ')');

  const start = async () => {
    submitted = plan();
    const { jobId } = await api('POST', base + '/offboarding', submitted);
    rememberJob(jobId, userId, name);
    await follow(jobId);
  };

  const wizard = form({ 'aria-labelledby': 'plan-title' }, [
    h('h2', { id: 'plan-title' }, 'What happens to each of them'),
    parts.length ? parts : h('p', {}, 'Nothing depends on ' + name + ': the offboarding only deletes the user.'),
    h('button', { type: 'submit', class: 'danger' }, 'Start offboarding'),
  ], async () => {
    await start();
  });

  const follow = async jobId => {
    progressBox.hidden = false;
    actions.replaceChildren();
    wizard.querySelectorAll('fieldset, button').forEach(el => { el.disabled = true; });
    let job;
    for (;;) {
      job = await api('GET', '/jobs/' + enc(jobId));
      const index = Math.max(0, STEPS.findIndex(([step]) => step === job.currentStep));
      progress.value = job.status === 'SUCCEEDED' ? STEPS.length - 1 : index;
      markSteps(index, job.status);
      if (job.status !== 'RUNNING' || !stillHere()) break;
      const now = Math.min(index + 1, STEPS.length - 1);
      statusText.textContent = 'Step ' + (now + 1) + ' of ' + STEPS.length + ': ' + STEPS[now][1] + '.';
      await new Promise(resolve => setTimeout(resolve, 400));
    }
    if (job.status === 'FAILED') {
      failed(job);
    } else if (job.status === 'WAITING_FOR_PURGE' || job.status === 'SUCCEEDED') {
      finished(job);
    }
  };

  const failed = job => {
    const e = job.error || {};
    const loggedIn = (e.details || []).filter(d => d.type === 'DEVICE');
    const stepName = (STEPS.find(([s]) => s === job.currentStep) || [null, job.currentStep])[1];
    statusText.textContent = 'The offboarding stopped after: ' + stepName + '. '
      + (e.code === 'USER_LOGGED_IN'
        ? name + ' is still logged in on ' + loggedIn.map(d => d.name + ' (' + kindName(d.kind) + ')').join(', ')
          + '. Log the device out, then retry: the steps already done are not repeated.'
        : (e.message || 'It failed.') + ' Retry resumes where it stopped.');
    wizard.querySelectorAll('fieldset, button').forEach(el => { el.disabled = false; });
    wizard.querySelector('button[type=submit]').disabled = true;
    const retry = h('button', { type: 'button' }, 'Retry offboarding');
    const outcome = h('p', { class: 'form-error', role: 'alert', hidden: true });
    retry.addEventListener('click', () => busy(retry, async () => {
      outcome.hidden = true;
      try {
        const { jobId } = await api('POST', base + '/offboarding', submitted);
        rememberJob(jobId, userId, name);
        await follow(jobId);
      } catch (err) {
        outcome.hidden = false;
        outcome.textContent = err.message;
      }
    }));
    const logouts = loggedIn.map(d => {
      const b = h('button', { type: 'button', class: 'secondary' }, 'Log out ' + d.name);
      b.addEventListener('click', () => busy(b, async () => {
        outcome.hidden = true;
        try {
          await api('DELETE', base + '/devices/' + enc(d.deviceId));
          b.replaceWith(h('span', { class: 'done' }, d.name + ' is logged out.'));
          retry.focus();
        } catch (err) {
          outcome.hidden = false;
          outcome.textContent = err.message;
        }
      }));
      return b;
    });
    actions.replaceChildren(...logouts, retry, outcome);
    (logouts[0] || retry).focus();
  };

  const finished = job => {
    const purge = job.steps && job.steps.purge;
    const purgeAt = job.steps && job.steps.deleteUser && job.steps.deleteUser.purgeAt;
    progress.value = job.status === 'SUCCEEDED' ? STEPS.length - 1 : STEPS.length - 2;
    statusText.textContent = purge && purge.outcome === 'PURGED'
      ? name + ' has been deleted and their personal data purged. Their call history stays, anonymised.'
      : name + ' has been deleted. Their personal data will be purged on ' + date(purgeAt)
        + '. Their call history stays.';
    wizard.hidden = true;
    blockersTitle.textContent = 'What depended on ' + name + ': all handled';
    crumbs.replaceChildren(h('a', { href: '#/users' }, 'Users'));
    actions.replaceChildren(h('a', { href: '#/users' }, 'Back to the users'));
  };

  return h('section', {},
    crumbs,
    h('h1', {}, 'Delete ' + name),
    h('section', { 'aria-labelledby': 'blockers-title' },
      blockersTitle,
      blockers.length ? h('ul', { class: 'blockers' }, blockers.map(b => h('li', { 'data-type': b.type }, describeBlocker(b))))
        : h('p', {}, 'Nothing.')),
    wizard,
    progressBox);
}
