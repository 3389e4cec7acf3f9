/**
 * The verbs a path's last segment names an action by, beyond the first list:
 * payment and machine lifecycles (`POST /charges/{id}/capture`,
 * `/invoices/{id}/void`, `/instances/{id}/reboot`, `/volumes/{id}/detach`),
 * phrases led by one (`fund_cash_balance`, `rerun-failed-jobs`), and the
 * usual methods' synonyms as leaves only (`setParent`, `mark_uncollectible`:
 * a POST on an item whose operationId leads with `set` is still `update`).
 * They used to be sub-resources (`charges.capture.create()`). A noun stays a
 * resource (`DELETE /applications/{id}/grant`, `POST /pods/{id}/binding`).
 * A POST on `/invite/verify/{token}` whose operationId leads with `verify`
 * is `invite.verify`, no longer `invite.verify.verify`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTree, op, tempDir } from './support.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const post = (operationId: string) => ({ post: { operationId, parameters: id, responses: ok } });

describe('action verbs in path leaves', () => {
  it('name methods of the parent resource, on every surface', async () => {
    const { spec } = await importTree(join(tempDir('action-verbs'), 'doc'), {
      'openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 'Verbs', version: '1' },
        paths: {
          '/charges/{id}/capture': post('PostChargesChargeCapture'),
          '/invoices/{id}/void': post('PostInvoicesInvoiceVoid'),
          '/invoices/{id}/mark_uncollectible': post('PostInvoicesInvoiceMarkUncollectible'),
          '/customers/{id}/fund_cash_balance': post('FundCashBalance'),
          '/instances/{id}/reboot': post('rebootInstance'),
          '/volumes/{id}/detach': post('detachVolume'),
          '/tasks/{id}/setParent': post('setParentForTask'),
          '/runs/{id}/rerun-failed-jobs': post('reRunFailedJobs'),
          '/projects/{id}': { post: { operationId: 'setProject', parameters: id, responses: ok } },
          '/applications/{id}/grant': { delete: { operationId: 'deleteAuthorization', parameters: id, responses: ok } },
          '/pods/{id}/binding': post('createPodBinding'),
          '/invite/verify/{token}': { post: { operationId: 'verifyInvite', parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
        },
      },
    });
    const names = (method: string, path: string) => {
      const n = op(spec, method, path).names;
      return `${n.clientPath.join('.')} | ${n.cliGroup} ${n.cliCommand}`;
    };
    expect(names('post', '/charges/{id}/capture')).toBe('charges.capture | charges capture');
    expect(names('post', '/invoices/{id}/void')).toBe('invoices.void | invoices void');
    expect(names('post', '/invoices/{id}/mark_uncollectible')).toBe('invoices.markUncollectible | invoices mark-uncollectible');
    expect(names('post', '/customers/{id}/fund_cash_balance')).toBe('customers.fundCashBalance | customers fund-cash-balance');
    expect(names('post', '/instances/{id}/reboot')).toBe('instances.reboot | instances reboot');
    expect(names('post', '/volumes/{id}/detach')).toBe('volumes.detach | volumes detach');
    expect(names('post', '/tasks/{id}/setParent')).toBe('tasks.setParent | tasks set-parent');
    expect(names('post', '/runs/{id}/rerun-failed-jobs')).toBe('runs.rerunFailedJobs | runs rerun-failed-jobs');
    expect(names('post', '/projects/{id}')).toBe('projects.update | projects update');
    expect(names('delete', '/applications/{id}/grant')).toBe('applications.grant.delete | applications:grant delete');
    expect(names('post', '/pods/{id}/binding')).toBe('pods.binding.create | pods:binding create');
    // The verb is the path's last word before the id: named once.
    expect(names('post', '/invite/verify/{token}')).toBe('invite.verify | invite verify');
    expect(op(spec, 'post', '/charges/{id}/capture').kind).toBe('action');
  });
});
