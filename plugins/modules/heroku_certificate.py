#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_certificate
short_description: Upload, renew and remove the TLS certificates (SNI endpoints) of a Heroku app
version_added: 0.3.0
description:
  - Ensures an app serves your own TLS certificate from an SNI endpoint, and which of the app's custom
    domains that endpoint serves; or that the endpoint is gone.
  - Heroku names an SNI endpoint itself when it is created (for example C(tokyo-1234)). Without O(name) the
    endpoint is the app's one whose leaf certificate is for the same names (subject alternative names, else the
    common name) as the given certificate. One list read finds it.
  - B(Renewal.) A renewed certificate keeps its names, so it finds the endpoint of the certificate it replaces
    and is uploaded to it with one update (the chain and the key together); the endpoint keeps its name and its
    domains, and nothing else changes. To replace a certificate by one for other names, set O(name); without it
    a certificate for other names is another endpoint.
  - B(Certificates only go forward.) A certificate that is not valid now (its notBefore is still to come, or its
    notAfter has passed) is refused before any request, naming its dates. One valid for fewer than
    O(min_days_valid) days more is uploaded, with a warning. The certificate the endpoint serves is never replaced
    by one that expires sooner (an older certificate, such as last year's file); the task fails before any
    write, naming both expiry dates, unless O(force=true). A certificate that expires at the same time or later
    (a renewal) goes through. This holds with O(name) too, whatever names the new certificate is for.
  - Certificates are compared by what they are, not by their PEM text, with the SHA-256 fingerprints of the DER
    of the leaf and of the chain's other certificates; the same certificate encoded otherwise (line wrapping,
    CRLF, whitespace) is no change.
  - B(The private key) is sent with each upload and never shown. Heroku never returns it, and the module masks
    it in output, diffs and errors, even at C(-vvvv). The key cannot be compared, so a new key for the same
    certificate is no change; a new key comes with a new certificate.
  - B(ACM.) With Automated Certificate Management on (O(herokuops.platform.heroku_app#module:acm)), Heroku
    obtains and renews certificates itself, and they are not SNI endpoints you upload; this module leaves them
    alone. Use it for certificates of your own (an EV or wildcard certificate, a corporate CA), with ACM off.
  - Checked before any request, each failure naming the option; nothing secret is quoted. The certificate is
    PEM, valid now, and holds no private key (when it does, options swapped or a bundle with its key, its whole
    value is masked wherever Ansible shows arguments); the key is an unencrypted PEM private key of the leaf (the chain's first
    certificate); each of O(domains) is a hostname one of the certificate's names covers.
  - B(Check mode) adds no domain, so a task binding a domain that an earlier M(herokuops.platform.heroku_domain)
    task of the same play would add does not find it. Check mode then warns that the app has no such domain yet and
    reports the binding it would make; a real run still fails, before any write, when a domain of O(domains) does
    not exist on the app.
  - A run that changes nothing sends one read of the app's SNI endpoints, plus one of its domains when the
    endpoint serves some or O(domains) is set, and no write.
requirements:
  - cryptography (a dependency of ansible-core) where the module runs
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. The app must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  name:
    description:
      - The endpoint's name (or id), as Heroku named it at creation (RV(heroku_certificate.name)).
      - Set it to update an endpoint whatever its certificate's names, or to remove one by name. With
        O(state=present) the endpoint must exist. Heroku names new endpoints itself, so leave O(name) out to create one.
    type: str
  certificate:
    description:
      - The certificate chain in PEM, the leaf (the app's certificate) first, then its intermediate certificates.
      - Required with O(state=present). With O(state=absent) and no O(name), the endpoint of a certificate for
        the same names is removed.
      - A leaf given alone is compared by its fingerprint only; given with intermediates, the intermediates Heroku
        serves are compared too.
      - With O(state=present) the leaf must be valid now, and must not expire before the certificate the endpoint
        serves unless O(force=true).
      - When it holds a private key, the task fails and the value is masked, whole, wherever Ansible shows
        arguments. When looping over certificates, set C(loop_control.label) so that Ansible does not print the
        loop item (see EXAMPLES).
    type: str
  private_key:
    description:
      - The leaf certificate's private key, in PEM and unencrypted (Heroku needs it so). Required with O(state=present).
      - A secret, masked wherever Ansible shows arguments; Heroku never returns it, and it never reaches output,
        diffs or errors.
    type: str
  domains:
    description:
      - Hostnames of the app's custom domains that this endpoint serves; compared case-insensitively.
      - Each that is not bound to this endpoint is bound to it with one update of that domain, moving it from
        another endpoint if need be. A domain this endpoint served that is not listed is unbound (it then has no
        certificate of yours). V([]) unbinds them all.
      - Each must be a domain of the app (add it with M(herokuops.platform.heroku_domain)) and a name the certificate
        covers (V(*.example.com) covers V(www.example.com)).
      - Not set, the domains are left as they are.
    type: list
    elements: str
  min_days_valid:
    description:
      - With O(state=present), a certificate that expires within this many days is still uploaded (or kept), with
        a warning that names its notAfter. It is valid, and refusing it could leave an older one in place.
      - V(0) turns the warning off. A certificate that has expired is always refused.
    type: int
    default: 14
    version_added: 0.5.0
  force:
    description:
      - Replace the endpoint's certificate by one that expires sooner (a roll-back to an older certificate),
        with a warning naming both expiry dates. Without it such a task fails before any write.
      - The given certificate must still be valid now.
    type: bool
    default: false
    version_added: 0.5.0
  state:
    description:
      - V(present) uploads the certificate (or renews the endpoint's); V(absent) removes the endpoint. Its domains
        stay on the app, bound to no endpoint.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_certificate_info
  - module: herokuops.platform.heroku_domain
  - module: herokuops.platform.heroku_app
'''

EXAMPLES = r'''
- name: Serve www.example.com and example.com with our own certificate
  herokuops.platform.heroku_certificate:
    app: acme-web
    certificate: "{{ lookup('ansible.builtin.file', 'certs/example.com.fullchain.pem') }}"
    private_key: "{{ vault_example_com_key }}"
    domains:
      - www.example.com
      - example.com
  register: cert

- name: Where it stands
  ansible.builtin.debug:
    msg: "{{ cert.heroku_certificate.name }} expires {{ cert.heroku_certificate.expires_at }}"

# The renewed certificate has the same names: it replaces the old one on the same endpoint.
- name: Renew
  herokuops.platform.heroku_certificate:
    app: acme-web
    certificate: "{{ lookup('ansible.builtin.file', 'certs/example.com.2027.fullchain.pem') }}"
    private_key: "{{ vault_example_com_2027_key }}"

- name: Replace the certificate of one endpoint by one for other names
  herokuops.platform.heroku_certificate:
    app: acme-web
    name: tokyo-1234
    certificate: "{{ lookup('ansible.builtin.file', 'certs/shop.example.com.pem') }}"
    private_key: "{{ vault_shop_key }}"
    domains: [shop.example.com]

# The loop item holds a private key: label the loop, or Ansible prints the item with each result.
- name: Serve the certificate of each shop
  herokuops.platform.heroku_certificate:
    app: acme-shops
    certificate: "{{ item.certificate }}"
    private_key: "{{ item.private_key }}"
    domains: "{{ item.domains }}"
  loop: "{{ shop_certificates }}"
  loop_control:
    label: "{{ item.domains | join(', ') }}"

# Roll back to a certificate that expires sooner than the one served (say, the new one's CA is distrusted).
- name: Put the previous certificate back
  herokuops.platform.heroku_certificate:
    app: acme-web
    certificate: "{{ lookup('ansible.builtin.file', 'certs/example.com.previous.fullchain.pem') }}"
    private_key: "{{ vault_example_com_previous_key }}"
    force: true

- name: Remove an endpoint
  herokuops.platform.heroku_certificate:
    app: acme-web
    name: tokyo-1234
    state: absent
'''

RETURN = r'''
heroku_certificate:
  description:
    - The SNI endpoint after the task, or as it would be in check mode. Empty when O(state=absent).
    - The certificate's facts are read from the chain Heroku holds. The private key is never part of it.
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the endpoint. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    name:
      description: The name Heroku gave the endpoint. V(null) in check mode before creation.
      type: str
      sample: tokyo-1234
    display_name:
      description: The display name set in Heroku's dashboard, if any.
      type: str
    app:
      description: Name of the app.
      type: str
      sample: acme-web
    cert_domains:
      description: The names the leaf certificate is for (subject alternative names, else the common name), lower case.
      type: list
      elements: str
      sample: [www.example.com, example.com]
    issuer:
      description: The leaf's issuer, in OpenSSL's one-line form.
      type: str
      sample: /C=US/O=Let's Encrypt/CN=R11
    subject:
      description: The leaf's subject, in OpenSSL's one-line form.
      type: str
      sample: /CN=www.example.com
    serial_number:
      description: The leaf's serial number, in upper case hexadecimal.
      type: str
      sample: 3B2F0C9A1D
    fingerprint_sha256:
      description: SHA-256 fingerprint of the leaf's DER, as C(openssl x509 -noout -fingerprint -sha256) shows it.
      type: str
      sample: "5E:2B:...:9F"
    chain_fingerprints_sha256:
      description: SHA-256 fingerprints of the chain's certificates after the leaf, in order.
      type: list
      elements: str
    starts_at:
      description: When the leaf becomes valid (UTC).
      type: str
      sample: "2026-11-01T00:00:00Z"
    expires_at:
      description: When the leaf expires (UTC).
      type: str
      sample: "2027-01-30T23:59:59Z"
    ca_signed:
      description: Whether Heroku found the chain signed by a certificate authority it trusts. V(null) in check mode before creation.
      type: bool
    self_signed:
      description: Whether the leaf is self-signed.
      type: bool
    acm:
      description: Whether the certificate is Heroku's ACM certificate (always V(false) for the endpoints this module manages).
      type: bool
    domains:
      description: Hostnames of the app's custom domains that this endpoint serves, sorted.
      type: list
      elements: str
      sample: [example.com, www.example.com]
    created_at:
      description: When the endpoint was created.
      type: str
    updated_at:
      description: When it last changed (a renewal changes it).
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._certificate import HEROKU_CERTIFICATE
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_CERTIFICATE)


if __name__ == "__main__":
    main()
