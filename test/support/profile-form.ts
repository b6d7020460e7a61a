/** The setup form's data as a client submits it for Contoso: the one starting point tests vary. */
export function profileFormData(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    form: 'profile',
    name: 'Contoso Ltd',
    partnerId: '4412345',
    anniversaryDate: '2027-02-28',
    timeZone: 'Europe/Berlin',
    contactName: 'Megan Bowen',
    contactEmail: 'megan@contoso.example',
    contactAadObjectId: 'aad-megan',
    customerReferences: '',
    certifications: '',
    ...overrides,
  };
}
