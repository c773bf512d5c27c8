"""Flask extensions, created unbound and initialised in create_app."""
from flask import current_app, request
from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from shop.models_base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def not_an_anonymous_post() -> bool:
    return request.method != "POST" or current_user.is_authenticated


limiter = Limiter(key_func=get_remote_address,  # every anonymous POST is limited per address (shop/limits.py)
                  default_limits=[lambda: current_app.config["ANON_POST_LIMIT"]],
                  default_limits_exempt_when=not_an_anonymous_post)
compress = Compress()
cache = Cache()  # rendered fragments (product cards, filter lists); SimpleCache per process, RedisCache shared
pages = Cache()  # whole public pages for anonymous visitors (shop.page_cache): larger entries, own bound
