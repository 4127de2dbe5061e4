"""Digital signing of justerade protocols with pyHanko (PAdES baseline B) and verification.

Each signer adds one signature as an incremental update, so earlier signatures stay valid: justerare,
ordförande and sekreterare sign the same file in turn. No network is used (no timestamps, no revocation
fetching); trust in the certificates is reported separately from integrity.
"""

from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from finsam_desktop import clock
from finsam_desktop.domain.common.errors import FinsamError


class SigningError(FinsamError):
    """The certificate file could not be used or the PDF could not be signed."""


@dataclass(frozen=True)
class SignatureInfo:
    """One embedded signature as found by :func:`verify_pdf`."""

    field_name: str
    signer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    covers_whole_file: bool
    trusted: bool
    reason: str = ""
    problem: str = ""


@dataclass(frozen=True)
class VerificationReport:
    signatures: tuple[SignatureInfo, ...]

    @property
    def intact(self) -> bool:
        """True when the file has signatures, every one is intact and valid, and the last one covers the file."""
        return (
            bool(self.signatures)
            and all(s.intact and s.valid for s in self.signatures)
            and self.signatures[-1].covers_whole_file
        )

    @property
    def signers(self) -> list[str]:
        return [s.signer for s in self.signatures]


def _field_name(role: str, existing: set[str]) -> str:
    base = (
        re.sub(r"[^A-Za-z0-9]+", "_", role.strip().translate(str.maketrans("åäöÅÄÖé", "aaoAAOe"))).strip("_")
        or "Underskrift"
    )
    name, n = base, 1
    while name in existing:
        n += 1
        name = f"{base}_{n}"
    return name


def sign_pdf(
    pdf_bytes: bytes,
    pkcs12: bytes,
    passphrase: bytes | str | None,
    *,
    role: str,
    reason: str = "Justering av protokoll",
    location: str = "",
) -> bytes:
    """Add one PAdES signature (invisible field named after ``role``) as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field
    from pyhanko.sign.general import SigningError as HankoSigningError

    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    signer = _signer(pkcs12, passphrase)
    existing = {s.field_name for s in PdfFileReader(io.BytesIO(pdf_bytes)).embedded_signatures}
    field = _field_name(role, existing)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    append_signature_field(writer, SigFieldSpec(sig_field_name=field))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        reason=f"{reason} ({role})",
        location=location or None,
        subfilter=signers.pdf_signer.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer)
    out = io.BytesIO()
    # Room for the CMS container given up front: pyHanko would otherwise make a whole trial signature to measure it.
    certs = [signer.signing_cert, *signer.cert_registry]
    reserved = 8192 + 2 * sum(len(c.dump()) for c in certs)
    try:
        pdf_signer.sign_pdf(writer, output=out, bytes_reserved=reserved)
    except HankoSigningError as exc:
        raise SigningError(f"Underskriften kunde inte läggas till: {exc}") from None
    return out.getvalue()


def _signer(pkcs12_bytes: bytes, passphrase: bytes | None):
    """A pyHanko signer that signs with the key as cryptography loaded (and checked) it from the PKCS#12 file.

    pyHanko's ``SimpleSigner`` parses and re-validates the private key for every raw signature (about 0.3 s for an
    RSA key on a modest laptop, twice per signature); here it is loaded once per signature."""
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class LoadedKeySigner(signers.SimpleSigner):
        def __init__(self, pyca_key, **kwargs):
            super().__init__(**kwargs)
            self._pyca_key = pyca_key

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            algo = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            key = self._pyca_key
            if algo == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
                return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            if algo == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
                return key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
            return super().sign_raw(data, digest_algorithm)  # other mechanisms: pyHanko's own way

    try:
        key, cert, others = pkcs12.load_key_and_certificates(pkcs12_bytes, passphrase)
    except Exception as exc:  # cryptography raises several types for a bad file or password
        raise SigningError(f"Certifikatfilen kunde inte öppnas (fel lösenord eller inte PKCS#12): {exc}") from None
    if key is None or cert is None:
        raise SigningError("Certifikatfilen kunde inte öppnas: den saknar nyckel eller certifikat.")
    registry = SimpleCertificateStore()
    registry.register_multiple(translate_pyca_cryptography_cert_to_asn1(c) for c in others)
    return LoadedKeySigner(
        key,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        cert_registry=registry,
    )


def _subject_name(cert) -> str:
    try:
        cn = cert.subject.native.get("common_name")
        if cn:
            return str(cn)
        return cert.subject.human_friendly
    except Exception:  # pragma: no cover - malformed subject
        return "okänd undertecknare"


@contextmanager
def _quiet_pyhanko():
    """pyHanko logs full tracebacks for untrusted paths; the report already says so."""
    loggers = [logging.getLogger(n) for n in ("pyhanko", "pyhanko_certvalidator")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def verify_pdf(pdf_bytes: bytes, trust_roots: list | None = None) -> VerificationReport:
    """Check every embedded signature: integrity (digest), signature validity, coverage and (optionally) trust.

    ``trust_roots`` are asn1crypto/cryptography certificates to trust; without them every signature is reported
    as not trusted, which does not affect ``intact``.
    """
    with _quiet_pyhanko():
        return _verify_pdf(pdf_bytes, trust_roots)


def _verify_pdf(pdf_bytes: bytes, trust_roots: list | None = None) -> VerificationReport:
    """Check every embedded signature: integrity (digest), signature validity, coverage and (optionally) trust.

    ``trust_roots`` are asn1crypto/cryptography certificates to trust; without them every signature is reported
    as not trusted, which does not affect ``intact``.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return VerificationReport(
            (
                SignatureInfo(
                    "", "okänd", None, False, False, False, False, problem=f"Filen kan inte läsas som PDF: {exc}"
                ),
            )
        )
    roots = [_to_asn1(c) for c in (trust_roots or [])]
    out: list[SignatureInfo] = []
    for sig in embedded:
        # Validated as of the program's today, like every other date in the program (FINSAM_TODAY, --today).
        vc = ValidationContext(trust_roots=roots, allow_fetching=False, moment=clock.now_utc())
        try:
            status = validate_pdf_signature(sig, signer_validation_context=vc)
        except Exception as exc:
            out.append(
                SignatureInfo(
                    sig.field_name,
                    "okänd",
                    None,
                    False,
                    False,
                    False,
                    False,
                    problem=f"Underskriften kunde inte kontrolleras: {exc}",
                )
            )
            continue
        from pyhanko.sign.validation.status import SignatureCoverageLevel

        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        problem = ""
        if not status.intact:
            problem = "innehållet har ändrats efter underskriften"
        elif not status.valid:
            problem = "underskriften är ogiltig"
        elif status.modification_level is not None and status.modification_level.name not in (
            "NONE",
            "LTA_UPDATES",
            "FORM_FILLING",
        ):
            problem = "otillåtna ändringar efter underskriften"
        reason = ""
        with suppress(Exception):  # a malformed /Reason must not hide the signature itself
            reason = str(sig.sig_object.get("/Reason", "") or "")
        out.append(
            SignatureInfo(
                field_name=sig.field_name,
                signer=_subject_name(status.signing_cert),
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact) and not problem.startswith("otillåtna"),
                valid=bool(status.valid),
                covers_whole_file=whole,
                trusted=bool(status.trusted),
                reason=reason,
                problem=problem,
            )
        )
    return VerificationReport(tuple(out))


def load_certificates(data: bytes) -> list:
    """Certificates from PEM (one or more) or DER bytes; ValueError with a Swedish message otherwise."""
    from cryptography import x509 as c_x509

    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return list(c_x509.load_pem_x509_certificates(data))
        return [c_x509.load_der_x509_certificate(data)]
    except ValueError:
        raise ValueError("filen innehåller inget läsbart certifikat (PEM eller DER).") from None


def _to_asn1(cert):
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509 as c_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    if isinstance(cert, c_x509.Certificate):
        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    return cert


def create_pkcs12_identity(
    name: str,
    passphrase: str,
    *,
    ca: bool = False,
    issuer_key=None,
    issuer_cert=None,
    valid_days: int = 365,
    email: str = "",
) -> tuple[bytes, object, object]:
    """A PKCS#12 file with an RSA key and a certificate for ``name`` (self-signed or issued by a given CA).

    For trials and tests: a förbund that signs for real uses certificates from its e-legitimation provider.
    Returns (pkcs12 bytes, certificate, private key).
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        pkcs12,
    )
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name), x509.NameAttribute(NameOID.COUNTRY_NAME, "SE")]
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    subject = x509.Name(attrs)
    now = clock.now_utc()
    is_ca = ca
    issuer = issuer_cert.subject if issuer_cert is not None else subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=is_ca,
                crl_sign=is_ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if not is_ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    cas = [issuer_cert] if issuer_cert is not None else None
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"),
        key,
        cert,
        cas,
        BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    return data, cert, key
