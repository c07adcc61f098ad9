import type { SigningKeyRepository } from './signing-key.repository';

/** What any SigningKeyRepository does. */
export function describeSigningKeyRepository(make: () => SigningKeyRepository): void {
  describe('SigningKeyRepository contract', () => {
    it('has no key until one is saved, then answers it', () => {
      const repo = make();
      expect(repo.generated()).toBeUndefined();
      repo.saveGenerated({ kid: 'local-1', secret: 'a'.repeat(64) });
      expect(repo.generated()).toEqual({ kid: 'local-1', secret: 'a'.repeat(64) });
    });

    it('keeps one key: saving again replaces it', () => {
      const repo = make();
      repo.saveGenerated({ kid: 'local-1', secret: 'one' });
      repo.saveGenerated({ kid: 'local-2', secret: 'two' });
      expect(repo.generated()).toEqual({ kid: 'local-2', secret: 'two' });
    });
  });
}
