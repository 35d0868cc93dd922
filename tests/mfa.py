"""Multi-factor sign-in in tests: superusers must have entered a code (MFA_REQUIRED_FOR_SUPERUSERS).

`verify_session(client, user)` gives a test client's forced login a confirmed TOTP device and marks
the session verified, as if the user had entered a code; `current_code(device)` computes the code
an authenticator app would show now.
"""


def current_code(device, drift: int = 0) -> str:
    """The code for the current time step (`drift`: steps later or earlier, within the device's tolerance)."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:0{device.digits}d}"


def code_from_secret(secret_text: str, drift: int = 0) -> str:
    """The code for the base32 key that the set-up page shows (as an app computes it from the QR code)."""
    from base64 import b32decode

    from django_otp.oath import totp

    secret = secret_text.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def verify_session(client, user):
    """A confirmed device for `user` (created without a change-log entry) and a verified session."""
    from auditlog.context import disable_auditlog
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        with disable_auditlog():
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
