import type { HolderCredentialView } from '../../modules/holders/services/holder-records.service.js';
import type { Lang } from '../../common/i18n/i18n.js';
import { renderCredentialPage } from './portal-credential-pages.js';

const credential = (format: HolderCredentialView['format']): HolderCredentialView => ({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'CompetencyCertificationCredential',
  format,
  status: 'ACTIVE',
  expired: false,
  summary: 'Cuidado de personas mayores (ficticia)',
  issuer: { slug: 'co-ens', name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
  validFrom: new Date('2022-05-10T00:00:00Z'),
  validUntil: null,
  issuedAt: new Date('2022-05-10T00:00:00Z'),
  document: null,
  verifyUrl: 'http://localhost:3000/v/token',
  verifyLinkEnabled: true,
});

const page = (lang: Lang, format: HolderCredentialView['format']) =>
  renderCredentialPage(
    {
      lang,
      holder: { kind: 'holder', holderId: 'h', sessionId: 's' },
      csrf: 'csrf',
      timeZone: 'America/Bogota',
    },
    { credential: credential(format), events: [], countries: new Map() },
  );

describe('renderCredentialPage', () => {
  it('names the signed file by its format, in each language', () => {
    expect(page('es', 'di')).toContain('Archivo firmado (JSON)');
    expect(page('es', 'jwt')).toContain('Archivo firmado (VC-JWT)');
    expect(page('pt', 'jwt')).toContain('Arquivo assinado (VC-JWT)');
    expect(page('en', 'jwt')).toContain('Signed file (VC-JWT)');
    expect(page('en', 'jwt')).not.toContain('(JSON)');
    expect(page('es', 'openbadges-3.0')).toContain('Open Badge firmado (Open Badges 3.0, JSON)');
    expect(page('pt', 'openbadges-3.0')).toContain('Open Badge assinado');
    expect(page('en', 'openbadges-3.0')).toContain('Signed Open Badge');
  });
});
