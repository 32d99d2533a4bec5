"""Where uploaded files (documents' files) are kept: a local folder, or S3-compatible object
storage when AWS_STORAGE_BUCKET_NAME is set (README, "Uploaded files").

Either way the files are private: no URL of the storage is routed or shown, the portal's
download view reads them and applies the drafts rule.
"""

import importlib.util

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"


def default_storage(env):
    """The STORAGES["default"] entry the environment asks for."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        # Django's FileSystemStorage, but a file whose write fails is not left half written.
        return {"BACKEND": "base.storage.WholeFilesStorage"}
    missing = [name for name in ("storages", "boto3") if importlib.util.find_spec(name) is None]
    if missing:
        raise ImproperlyConfigured(
            f"AWS_STORAGE_BUCKET_NAME is set but {', '.join(missing)} is not installed: "
            "install the portal with its s3 extra (pip install '.[s3]')."
        )
    # Credentials are boto3's to find (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
    # environment, or the machine's role): they never pass through the settings.
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # No ACL of our own: objects get the bucket's, which must keep them private (buckets
            # created with ACLs disabled refuse requests that set one).
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
