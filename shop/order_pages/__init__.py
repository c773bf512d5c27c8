"""The order pages: the buyer's page by secret link (buyer.py) and the coordinator's pages (staff.py).

They sit above both orders and payments (they show an order with its payment state and call payment verbs), so
neither domain imports the other back.
"""
